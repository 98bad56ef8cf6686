// The Ingest stage; see DESIGN.md.

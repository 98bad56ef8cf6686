// The Normalize stage; see DESIGN.md.

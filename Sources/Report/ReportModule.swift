// The Report stage; see DESIGN.md.

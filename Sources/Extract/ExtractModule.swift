// The Extract stage; see DESIGN.md.

// The Reconcile stage; see DESIGN.md.

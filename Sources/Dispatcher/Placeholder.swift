enum DispatcherPlaceholder {}

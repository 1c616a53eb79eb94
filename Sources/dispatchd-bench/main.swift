print("dispatchd-bench: not yet")

print("dispatchd: not yet")

print("govpack-gen: not built yet")

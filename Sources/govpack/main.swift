print("govpack: not built yet")

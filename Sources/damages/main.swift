print("damages")

// The Store module. See README.md, "Architecture", for what this layer holds.

import ArgumentParser
struct Worker: AsyncParsableCommand {}
struct Jobs: AsyncParsableCommand {}
struct Schedule: AsyncParsableCommand {}

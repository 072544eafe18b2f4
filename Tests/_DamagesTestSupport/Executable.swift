public import Foundation

/// Runs the built `damages` binary, as a user would (argument-parser's AssertExecuteCommand
/// idea): its standard output, standard error and exit code.
public struct CommandResult: Sendable {
  public var stdout: String
  public var stderr: String
  public var status: Int32
}

public enum DamagesBinary {
  /// The folder of the built products (the test runner sits beside them).
  public static var productsFolder: URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // on some platforms the runner is inside a bundle
    while url.pathExtension == "xctest" || url.lastPathComponent == "Contents"
      || url.lastPathComponent == "MacOS"
    {
      url.deleteLastPathComponent()
    }
    return url
  }

  /// The package's root folder.
  public static var packageRoot: URL {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }

  @discardableResult
  public static func run(_ arguments: [String], in folder: URL? = nil,
                         environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.executableURL = productsFolder.appendingPathComponent("damages")
    process.arguments = arguments
    process.currentDirectoryURL = folder ?? packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // read both pipes while the process runs, so that a full pipe cannot block it
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
  }

  /// A fresh temporary folder, removed by the caller.
  public static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("damages-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

extension DamagesBinary {
  /// Runs a shell script with `$DAMAGES` naming the built binary, for redirections that a
  /// `Process` cannot make (a closed standard stream, /dev/full).
  public static func runShell(_ script: String, binary: URL, in folder: URL) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.environment = ProcessInfo.processInfo.environment.merging(["DAMAGES": binary.path]) { $1 }
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    nonisolated(unsafe) var outData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), status: process.terminationStatus)
  }
}

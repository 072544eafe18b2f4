import Foundation
import Testing
import Yams
import _DamagesTestSupport

/// The cluster templates of deploy/: the Kubernetes manifests' own command lines, run here
/// with each JOB_COMPLETION_INDEX, give the unsharded batch's output once merged. (The Slurm
/// templates run on a real single-node cluster in Tests/slurm/run.sh.)
@Suite("deploy templates", .serialized)
struct DeployTests {
  /// The shell command of a Job manifest's container, its completions, and its volume's mount.
  func job(_ name: String) throws -> (command: String, completions: Int, mount: String) {
    let url = DamagesBinary.packageRoot.appendingPathComponent("deploy/kubernetes/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    let root = try #require(try Yams.load(yaml: text) as? [String: Any])
    #expect(root["kind"] as? String == "Job")
    let spec = try #require(root["spec"] as? [String: Any])
    let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
    let container = try #require((pod["containers"] as? [[String: Any]])?.first)
    #expect(container["command"] as? [String] == ["/bin/sh", "-c"])
    let args = try #require(container["args"] as? [String])
    let mount = try #require((container["volumeMounts"] as? [[String: Any]])?.first?["mountPath"] as? String)
    return (args.joined(separator: " "), spec["completions"] as? Int ?? 1, mount)
  }

  @Test("the Indexed Job's pods, then the merge Job, give the unsharded batch byte for byte")
  func kubernetesCommandLines() throws {
    let batch = try job("batch-job.yaml")
    let merge = try job("merge-job.yaml")
    #expect(batch.completions == 4)
    let data = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: data) }
    // the volume: the bundled batch's claims and template (fewer runs, to keep the test short)
    let portfolio = DamagesBinary.packageRoot.appendingPathComponent("scenarios/portfolio")
    let claims = try String(contentsOf: portfolio.appendingPathComponent("claims.csv"), encoding: .utf8)
    try claims.split(separator: "\n").prefix(41).joined(separator: "\n").appending("\n")
      .write(to: data.appendingPathComponent("claims.csv"), atomically: true, encoding: .utf8)
    let template = try String(contentsOf: portfolio.appendingPathComponent("template.yaml"), encoding: .utf8)
      .replacingOccurrences(of: "runs: 20000", with: "runs: 2000")
    try template.write(to: data.appendingPathComponent("template.yaml"), atomically: true, encoding: .utf8)
    func sh(_ command: String, index: Int?) throws -> Int32 {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      p.arguments = ["-c", command.replacingOccurrences(of: batch.mount + "/", with: data.path + "/")]
      var env = ProcessInfo.processInfo.environment
      env["PATH"] = DamagesBinary.productsFolder.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
      if let index { env["JOB_COMPLETION_INDEX"] = String(index) }
      p.environment = env
      try p.run()
      p.waitUntilExit()
      return p.terminationStatus
    }
    for k in 0..<batch.completions {
      #expect(try sh(batch.command, index: k) == 0, "pod \(k)")
    }
    #expect(try sh(merge.command, index: nil) == 0)
    let single = try DamagesBinary.run(
      ["batch", data.path + "/claims.csv", "--template", data.path + "/template.yaml",
       "--out", data.path + "/single.json"])
    #expect(single.status == 0, "\(single.stderr)")
    let merged = try Data(contentsOf: data.appendingPathComponent("result.json"))
    #expect(merged == (try Data(contentsOf: data.appendingPathComponent("single.json"))))
  }
}

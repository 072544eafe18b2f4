import DamagesReports
import DamagesScenario
import Foundation
import Hummingbird
import Logging
import NIOCore

/// How `damages serve` runs.
public struct ServeConfiguration: Sendable {
  /// The address to listen on; loopback unless asked otherwise.
  public var host: String
  /// The port; 0 lets the system choose one (the URL printed names it).
  public var port: Int
  public var limits: ServeLimits
  /// The folder of bundled scenarios the page lists; nil for none.
  public var scenarios: String?

  public init(host: String = "127.0.0.1", port: Int = 8080, limits: ServeLimits, scenarios: String?) {
    self.host = host
    self.port = port
    self.limits = limits
    self.scenarios = scenarios
  }

  /// `scenarios/` under the working directory, where there is one.
  public static var defaultScenarios: String? { BundledScenarios.defaultFolder() }
}

/// Why the server could not start or stopped.
public enum ServeFailure: Error, CustomStringConvertible {
  /// Another program listens on the port.
  case addressInUse(host: String, port: Int)
  /// The address cannot be bound (not an address of this machine, a privileged port, …).
  case cannotListen(host: String, port: Int, reason: String)
  /// Anything else.
  case failed(String)

  public var description: String {
    switch self {
    case let .addressInUse(host, port):
      "error: cannot listen on \(host):\(port): the port is already in use by another program; choose another with --port (e.g. --port \(port == 65535 ? 8081 : port + 1)), or --port 0 for any free port"
    case let .cannotListen(host, port, reason):
      "error: cannot listen on \(host):\(port): \(reason)"
    case let .failed(reason):
      "error: the server stopped: \(reason)"
    }
  }
}

/// `damages serve`: the local web page and its JSON API.
public enum WebServer {
  /// Runs until SIGINT or SIGTERM. `onRunning` receives the page's URL once the server
  /// listens (with the real port when 0 was asked).
  public static func run(
    _ configuration: ServeConfiguration, onRunning: @escaping @Sendable (String) -> Void
  ) async throws(ServeFailure) {
    let app = application(configuration, onRunning: onRunning)
    do {
      try await app.runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
      throw .addressInUse(host: configuration.host, port: configuration.port)
    } catch let error as IOError {
      throw .cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
    } catch {
      throw .failed("\(error)")
    }
  }

  /// The application: the router over the API and the page.
  static func application(
    _ configuration: ServeConfiguration, onRunning: @escaping @Sendable (String) -> Void = { _ in }
  ) -> some ApplicationProtocol {
    var logger = Logger(label: "damages-serve")
    logger.logLevel = .warning
    let host = configuration.host
    return Application(
      router: Routes.router(
        Workbench(
          limits: configuration.limits, scenarios: BundledScenarios(folder: configuration.scenarios)),
        host: host),
      configuration: .init(
        address: .hostname(host, port: configuration.port), serverName: "damages",
        reuseAddress: false),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.port
        let shown = host.contains(":") ? "[\(host)]" : host
        onRunning("http://\(shown):\(port)/")
      },
      logger: logger)
  }
}

import DamagesReports
import DamagesScenario
import Foundation
import Hummingbird
import HummingbirdCore
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
  /// The connections the server keeps open at once: `wanted`, but never within 64 of the
  /// process's limit of open files (the rest are for scenario files, jobs and the runtime).
  static func connectionLimit(_ wanted: Int) -> Int {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return wanted }
    return Swift.max(8, Swift.min(wanted, Int(limit.rlim_cur) - 64))
  }

  /// Runs until its task is cancelled. `onRunning` receives the page's URL once the server
  /// listens (with the real port when 0 was asked).
  public static func run(
    _ configuration: ServeConfiguration, onRunning: @escaping @Sendable (String) -> Void
  ) async throws(ServeFailure) {
    let app = application(configuration, onRunning: onRunning)
    do {
      // the command line handles the signals on a thread of its own and cancels this task
      try await app.runService(gracefulShutdownSignals: [])
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
      throw .addressInUse(host: configuration.host, port: configuration.port)
    } catch let error as IOError {
      throw .cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
    } catch {
      if Task.isCancelled { return }  // stopped by a signal
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
      // a connection that sends nothing for the idle timeout is closed: one that never completes
      // its request head (slow headers), and an idle one between requests
      server: .http1(configuration: .init(idleTimeout: .seconds(configuration.limits.idleSeconds))),
      configuration: .init(
        address: .hostname(host, port: configuration.port), serverName: "damages",
        reuseAddress: false,
        // past the limit the server stops accepting, so idle connections cannot use up its
        // files (and then spin on accept errors); the idle timeout frees their places
        availableConnectionsDelegate: MaximumAvailableConnections(
          connectionLimit(configuration.limits.maxConnections), logger: logger)),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.port
        let shown = host.contains(":") ? "[\(host)]" : host
        onRunning("http://\(shown):\(port)/")
      },
      logger: logger)
  }
}

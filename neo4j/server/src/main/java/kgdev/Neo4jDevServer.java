package kgdev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

/**
 * A local Neo4j 5.26 Community server for tests and development: the embedded DBMS with Bolt,
 * HTTP and Neo4j Browser, authentication enabled, data kept in a directory across restarts.
 *
 * <pre>
 * java ... kgdev.Neo4jDevServer [--host H] [--bolt-port N] [--http-port N] [--plugins DIR]
 *                               [--pagecache SIZE] HOME_DIR
 * </pre>
 *
 * The password of user neo4j comes from NEO4J_PASSWORD (default kgpassword). Prints
 * {@code NEO4J_READY ...} once the default database is available; stops cleanly on SIGTERM/SIGINT.
 */
public final class Neo4jDevServer {
  private static final String DEFAULT_PASSWORD = "kgpassword";

  public static void main(String[] args) {
    Options opt;
    try {
      opt = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    try {
      run(opt);
    } catch (Throwable e) {
      e.printStackTrace();
      // Last, so that it ends the log the start script shows.
      System.out.println("NEO4J_FAILED " + e.getMessage());
      System.out.flush();
      System.exit(1);
    }
  }

  private static void run(Options opt) throws Exception {
    String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
    if (password.isEmpty()) {
      password = DEFAULT_PASSWORD;
    }
    Files.createDirectories(opt.home);

    var builder =
        new DatabaseManagementServiceBuilder(opt.home)
            // Embedded defaults are Bolt, HTTP and auth all off: turn on what a server has.
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(opt.host, opt.boltPort))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(opt.host, opt.boltPort))
            // Bolt waits 5s twice on shutdown by default; nothing should be running at a stop.
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(HttpConnector.enabled, opt.httpPort > 0)
            .setConfig(HttpConnector.listen_address, new SocketAddress(opt.host, Math.max(opt.httpPort, 0)))
            .setConfig(HttpConnector.advertised_address, new SocketAddress(opt.host, Math.max(opt.httpPort, 0)))
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(opt.host))
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(opt.pagecache))
            // Offline: no usage reports from the server, no telemetry from the Browser.
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .setConfig(ServerSettings.allow_telemetry, false)
            // Tests re-import often; old transaction logs only cost disk here.
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files");
    if (opt.plugins != null) {
      builder
          .setConfig(GraphDatabaseSettings.plugin_dir, opt.plugins.toAbsolutePath())
          .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
    }

    DatabaseManagementService dbms = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("NEO4J_STOPPING");
                  System.out.flush();
                  dbms.shutdown();
                  System.out.println("NEO4J_STOPPED");
                  System.out.flush();
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(180_000)) {
      throw new IllegalStateException("default database not available after 180s");
    }
    setPassword(dbms, password);

    String http = opt.httpPort > 0 ? " http://" + opt.host + ":" + opt.httpPort + "/browser/" : "";
    System.out.println("NEO4J_READY bolt://" + opt.host + ":" + opt.boltPort + http);
    System.out.flush();
    stopped.await(); // until the JVM is asked to exit; the hook shuts the DBMS down
  }

  /**
   * Makes NEO4J_PASSWORD the password of user neo4j. A fresh store has password "neo4j" with a
   * forced change; an existing one may hold an older password. The embedded API talks to the
   * system database without authentication, so it can always set it.
   */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    } catch (RuntimeException e) {
      // Setting the same password again is refused: then it is already right. Anything else
      // (e.g. a password under 8 characters) leaves the old one, and clients will say so.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        throw new IllegalStateException("cannot set the password of user neo4j: " + e.getMessage(), e);
      }
    }
  }

  /** Command-line options. */
  private static final class Options {
    static final String USAGE =
        "usage: Neo4jDevServer [--host H] [--bolt-port N] [--http-port N (0 = off)]"
            + " [--plugins DIR] [--pagecache SIZE] HOME_DIR";

    String host = "127.0.0.1";
    int boltPort = 7687;
    int httpPort = 7474;
    Path plugins;
    String pagecache = "256m";
    Path home;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (!a.startsWith("--")) {
          if (o.home != null) {
            throw new IllegalArgumentException("more than one HOME_DIR");
          }
          o.home = Path.of(a).toAbsolutePath();
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--host" -> o.host = v;
          case "--bolt-port" -> o.boltPort = port(a, v);
          case "--http-port" -> o.httpPort = port(a, v);
          case "--plugins" -> o.plugins = Path.of(v);
          case "--pagecache" -> o.pagecache = v;
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (o.home == null) {
        throw new IllegalArgumentException("HOME_DIR is required");
      }
      return o;
    }

    private static int port(String name, String v) {
      try {
        int p = Integer.parseInt(v);
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
        return p;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": not a port: " + v);
      }
    }
  }
}

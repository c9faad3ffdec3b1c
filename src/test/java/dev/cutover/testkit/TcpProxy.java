package dev.cutover.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain TCP proxy on 127.0.0.1, run as its own process so that a test can freeze it with SIGSTOP (the kernel
 * still accepts connections, nothing is answered: a hung endpoint), thaw it with SIGCONT, or kill it (connection
 * refused). {@link #start} launches it and returns once it listens.
 */
public final class TcpProxy implements AutoCloseable {
  private final Process process;
  private final int port;

  private TcpProxy(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a proxy process from 127.0.0.1:(free port) to 127.0.0.1:{@code targetPort}. */
  public static TcpProxy start(int targetPort) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        TcpProxy.class.getName(), String.valueOf(targetPort)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder line = new StringBuilder();
    InputStream in = p.getInputStream();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int c;
    while (System.nanoTime() < deadline && (c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    if (!line.toString().startsWith("listening ")) {
      p.destroyForcibly();
      throw new IOException("proxy did not start: " + line);
    }
    Thread drain = new Thread(() -> {
      try {
        in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the process ended
      }
    }, "proxy-output");
    drain.setDaemon(true);
    drain.start();
    return new TcpProxy(p, Integer.parseInt(line.substring("listening ".length()).trim()));
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGSTOP: the endpoint hangs (connections are accepted by the kernel, nothing is answered). */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: the endpoint answers again. */
  public void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  /** SIGKILL: connections are refused from now on. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      signal("CONT");
      kill();
    }
  }

  /** The proxy process: {@code TcpProxy TARGET_PORT}; prints "listening PORT" once it accepts connections. */
  public static void main(String[] args) throws IOException {
    int target = Integer.parseInt(args[0]);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(loopback, 0), 512);
      System.out.println("listening " + server.getLocalPort());
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        Socket upstream;
        try {
          upstream = new Socket(loopback, target);
        } catch (IOException e) {
          client.close();
          continue;
        }
        pump(client, upstream);
        pump(upstream, client);
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) != -1) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // one side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }
}

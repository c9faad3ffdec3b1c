package dev.cutover.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 in this process whose link can be cut (every open connection reset, new ones reset at
 * once: what a client sees when a network path or a server goes away) and restored, on the same port. Threads are
 * daemons and end with {@link #close}.
 */
public final class CuttableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private CuttableProxy(ServerSocket server, int target) {
    this.server = server;
    this.target = target;
  }

  /** A proxy from 127.0.0.1:(a free port) to 127.0.0.1:{@code targetPort}. */
  public static CuttableProxy start(int targetPort) throws IOException {
    CuttableProxy p = new CuttableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
    daemon("proxy-accept", p::accept);
    return p;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Resets every connection, and every new one until {@link #restore}. */
  public void cut() {
    cut = true;
    open.forEach(CuttableProxy::reset);
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (cut) {
        reset(client);
        continue;
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(upstream);
        daemon("proxy-up", () -> pump(client, upstream));
        daemon("proxy-down", () -> pump(upstream, client));
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side or a cut ended it
    } finally {
      reset(from);
      reset(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut();
  }
}

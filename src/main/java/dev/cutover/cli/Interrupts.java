package dev.cutover.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a command acts (a {@code run}), SIGINT (Ctrl-C) and SIGTERM (a CI runner cancelling the job, {@code kill})
 * print where traffic stands and end the process with 130 or 143 (128 + the signal number, as a shell reports a
 * killed process). Nothing is undone or reverted: the journal holds every transition before and after its side
 * effect, so the stop is the same as a crash and {@code cutover run} resumes with a fresh bake of the current
 * step. Where the JVM does not let signals be handled (-Xrs), its shutdown hooks print the same words.
 *
 * <p>{@code sun.misc.Signal} lives in the jdk.unsupported module, which JEP 260 keeps open for exactly this
 * (javac still warns that it is internal): a shutdown hook alone cannot tell SIGINT from SIGTERM.
 */
final class Interrupts implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("INT", "TERM");
  /** The signal seen by a shutdown hook, which cannot know it. */
  static final int UNKNOWN = 0;
  /** Every installed farewell (commands run concurrently in tests), and the handlers they replaced. */
  private static final Set<Interrupts> ACTIVE = new LinkedHashSet<>();
  private static final Map<Signal, SignalHandler> REPLACED = new HashMap<>();

  private final IntFunction<String> farewell;
  private final PrintStream err;
  private Thread hook;

  private Interrupts(IntFunction<String> farewell, PrintStream err) {
    this.farewell = farewell;
    this.err = err;
  }

  /** @param farewell what to print for a signal number (2 or 15) before the process exits */
  static Interrupts install(IntFunction<String> farewell, PrintStream err) {
    Interrupts added = new Interrupts(farewell, err);
    synchronized (ACTIVE) {
      if (ACTIVE.isEmpty()) {
        for (String name : SIGNALS) {
          try {
            Signal signal = new Signal(name);
            REPLACED.put(signal, Signal.handle(signal, Interrupts::exit));
          } catch (IllegalArgumentException | UnsupportedOperationException notHandledHere) {
            // -Xrs or a platform without it: the hook below says the same when the JVM exits
          }
        }
      }
      ACTIVE.add(added);
      if (REPLACED.size() < SIGNALS.size()) {
        added.hook = new Thread(() -> added.say(UNKNOWN));
        Runtime.getRuntime().addShutdownHook(added.hook);
      }
    }
    return added;
  }

  /** "SIGINT (Ctrl-C)" for 2, "SIGTERM" for 15. */
  static String name(int signal) {
    return signal == 2 ? "SIGINT (Ctrl-C)" : signal == 15 ? "SIGTERM" : signal == UNKNOWN ? "SIGINT or SIGTERM"
        : "signal " + signal;
  }

  private static void exit(Signal signal) {
    synchronized (ACTIVE) {
      ACTIVE.forEach(i -> i.say(signal.getNumber()));
    }
    System.exit(128 + signal.getNumber());
  }

  private void say(int signal) {
    err.println(farewell.apply(signal));
    err.flush();
  }

  @Override
  public void close() {
    synchronized (ACTIVE) {
      ACTIVE.remove(this);
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already exiting: the hook runs
        }
      }
      if (ACTIVE.isEmpty()) {
        REPLACED.forEach(Signal::handle);
        REPLACED.clear();
      }
    }
  }
}

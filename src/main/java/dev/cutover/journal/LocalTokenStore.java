package dev.cutover.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.port.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens in one JSON file of the state directory ({@code <state-dir>/tokens.json}), readable by its owner only
 * (0600). A change is made under an OS lock on {@code tokens.lock}, written to a temporary file, forced to disk
 * and renamed over the old one, so a reader never sees half a file and two {@code token create} never lose one.
 * A server re-reads the file when it changes, so a token created while it runs works at once.
 */
public final class LocalTokenStore implements TokenStore {
  private static final Logger log = LoggerFactory.getLogger(LocalTokenStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  /** An OS file lock is held for the whole JVM: threads of one process also take this, per file. */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Vertx vertx;
  private final Path file;
  private final Path lock;
  private Snapshot cached = new Snapshot(null, -1, List.of());

  private record Snapshot(FileTime modified, long size, List<TokenSecrets.Stored> tokens) {}

  public LocalTokenStore(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
    this.lock = file.resolveSibling(file.getFileName() + ".lock");
  }

  /** The token file of a state directory. */
  public static LocalTokenStore in(Vertx vertx, StateDir dir) {
    return new LocalTokenStore(vertx, dir.root().resolve("tokens.json"));
  }

  public Path file() {
    return file;
  }

  @Override
  public Future<String> create(String name, Role role, Instant at) {
    return vertx.executeBlocking(() -> {
      TokenSecrets.Issued issued = TokenSecrets.issue(name, role, at);
      Files.createDirectories(file.toAbsolutePath().getParent());
      synchronized (IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object())) {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          ch.lock(); // released when the channel closes
          List<TokenSecrets.Stored> tokens = new ArrayList<>(read());
          if (tokens.stream().anyMatch(t -> t.name().equals(name))) {
            throw new NameTakenException(name);
          }
          tokens.add(issued.stored());
          write(tokens);
        }
      }
      return issued.token();
    }, false);
  }

  @Override
  public Future<Optional<Principal>> verify(String token) {
    Optional<TokenSecrets.Presented> presented = TokenSecrets.parse(token);
    if (presented.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return vertx.executeBlocking(() -> {
      Optional<TokenSecrets.Stored> stored = current().stream()
          .filter(t -> t.id().equals(presented.get().id())).findFirst();
      return TokenSecrets.matches(stored, presented.get().secret())
          ? stored.map(TokenSecrets.Stored::principal) : Optional.<Principal>empty();
    }, false);
  }

  @Override
  public Future<List<TokenInfo>> list() {
    return vertx.executeBlocking(() -> current().stream().map(TokenSecrets.Stored::info).toList(), false);
  }

  /** The tokens as the file holds them now, re-read only when its time or size changed. */
  private synchronized List<TokenSecrets.Stored> current() throws IOException {
    if (!Files.exists(file)) {
      cached = new Snapshot(null, -1, List.of());
      return List.of();
    }
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    if (!modified.equals(cached.modified()) || size != cached.size()) {
      cached = new Snapshot(modified, size, read());
    }
    return cached.tokens();
  }

  private List<TokenSecrets.Stored> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      log.warn("{} is readable by others ({}); it holds token hashes: chmod 600 it", file,
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not a token file (" + e.getMessage() + "); restore it from a backup or"
          + " move it away and create the tokens again", e);
    }
    List<TokenSecrets.Stored> tokens = new ArrayList<>();
    for (JsonNode t : root.path("tokens")) {
      tokens.add(new TokenSecrets.Stored(t.path("id").asText(), t.path("name").asText(),
          Role.parse(t.path("role").asText()).orElseThrow(() -> new IOException(file + ": token "
              + t.path("name").asText() + " has an unknown role " + t.path("role"))),
          t.path("salt").asText(), t.path("hash").asText(), Instant.parse(t.path("createdAt").asText())));
    }
    return tokens;
  }

  private void write(List<TokenSecrets.Stored> tokens) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("tokens");
    for (TokenSecrets.Stored t : tokens) {
      array.addObject().put("id", t.id()).put("name", t.name()).put("role", t.role().label())
          .put("salt", t.salt()).put("hash", t.hash()).put("createdAt", t.createdAt().toString());
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = POSIX
        ? Files.createTempFile(dir, "tokens", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, "tokens", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

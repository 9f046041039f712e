package ru.noko.devstack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import ru.noko.devstack.process.ChildProcess;

/**
 * A real PostgreSQL server (the machine's, Debian's 15 here) with its data under {@code directory}, listening on
 * loopback only, with one database and one user (password authentication over TCP; the server's own superuser only
 * through its socket in {@code directory}). PostgreSQL refuses to run as root, and CI runs as root: then the server,
 * {@code initdb} and {@code psql} run as the {@code postgres} account, which owns the data folder, and the folder that
 * holds it lets that account through (group {@code postgres}, mode 0710) and nobody else. They change account with
 * {@code setpriv}, which becomes the program it starts: {@code runuser} would stay between as a parent that answers a
 * stop by killing the server two seconds later and leaves it running when it is killed itself.
 *
 * <p>Why one class of this size: most of it is running as the {@code postgres} account when the JVM is root, which
 * every step (initdb, the server, psql, the folders' modes) needs alike.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String BINARIES_VARIABLE = "NOKO_POSTGRES_BIN";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_ACCOUNT = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private volatile ChildProcess process;

    /**
     * @param directory the server's folder: its data, socket and log
     * @param database the application's database, made on first start
     * @param user the application's user, owner of the database, made on first start
     * @param password that user's password, set at every start (a changed secret takes effect)
     */
    public PostgresServer(Path directory, int port, String database, String user, String password) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    public static PostgresServer onFreePort(Path directory, String database, String user, String password) {
        return new PostgresServer(directory, ChildProcess.freePort(), database, user, password);
    }

    public synchronized PostgresServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        prepareFolders();
        if (!Files.exists(data().resolve("PG_VERSION"))) {
            initdb();
        }
        removeStalePid();
        process = ChildProcess.start(
                        "postgres",
                        asServerAccount(List.of(
                                binary("postgres"),
                                "-D",
                                data().toString(),
                                "-p",
                                String.valueOf(port),
                                "-c",
                                "listen_addresses=127.0.0.1",
                                "-c",
                                "unix_socket_directories=" + socket(),
                                "-c",
                                "log_min_messages=warning",
                                "-c",
                                "fsync=on")),
                        directory.resolve("log").resolve("postgres.log"))
                .stopsWith("INT");
        process.awaitReady(START_TIMEOUT, this::accepts);
        ensureUserAndDatabase();
        return this;
    }

    /**
     * A fast shutdown (SIGINT, also from the shutdown hook): open sessions are ended and the server stops at once,
     * consistent. SIGTERM would wait for every client to leave, and a client may be the one waiting for this stop.
     */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The server's process since the last start (it may have ended since), empty before the first start. */
    public Optional<ChildProcess> process() {
        return Optional.ofNullable(process);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The data folder; a server's command line names it, so a server an earlier run left is found. */
    public Path data() {
        return directory.resolve("data");
    }

    private Path socket() {
        return directory.resolve("socket");
    }

    private void initdb() {
        Path passwordFile = directory.resolve("superuser.password");
        try {
            // The superuser signs in only through the socket in the server's own folder (peer/trust there); its
            // password file exists for initdb alone.
            Files.writeString(passwordFile, password + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            if (runsAsRoot()) {
                chown(passwordFile);
            }
            ChildProcess.run(
                    "initdb",
                    asServerAccount(List.of(
                            binary("initdb"),
                            "-D",
                            data().toString(),
                            "-U",
                            SYSTEM_ACCOUNT,
                            "--pwfile=" + passwordFile,
                            "--auth-local=trust",
                            "--auth-host=scram-sha-256",
                            "--encoding=UTF8",
                            "--locale=C.UTF-8")),
                    directory.resolve("log").resolve("initdb.log"),
                    COMMAND_TIMEOUT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL's data in " + directory, e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // removed at the next start
            }
        }
    }

    /** A server killed outright leaves its pid file; the next start refuses to run over it while it exists. */
    private void removeStalePid() {
        Path pid = data().resolve("postmaster.pid");
        try {
            if (Files.exists(pid)) {
                long owner = Long.parseLong(Files.readAllLines(pid).get(0).strip());
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException(
                            "a PostgreSQL server (pid " + owner + ") still runs on " + data() + "; stop it first");
                }
                Files.delete(pid);
            }
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("cannot read " + pid + ": " + e.getMessage(), e);
        }
    }

    private void ensureUserAndDatabase() {
        String quotedPassword = "'" + password.replace("'", "''") + "'";
        psql(
                "postgres",
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user
                        + "') THEN CREATE ROLE \"" + user + "\" LOGIN PASSWORD " + quotedPassword
                        + "; ELSE ALTER ROLE \""
                        + user + "\" LOGIN PASSWORD " + quotedPassword + "; END IF; END $$;");
        String exists = psqlValue("postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'");
        if (exists.strip().equals("0")) {
            psql("postgres", "CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
        }
    }

    private void psql(String on, String sql) {
        ChildProcess.run("psql", psqlCommand(on, sql), directory.resolve("log").resolve("psql.log"), COMMAND_TIMEOUT);
    }

    private String psqlValue(String on, String sql) {
        Path output = directory.resolve("log").resolve("psql-value.log");
        try {
            Files.deleteIfExists(output);
            ChildProcess.run("psql", psqlCommand(on, sql), output, COMMAND_TIMEOUT);
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> psqlCommand(String on, String sql) {
        return asServerAccount(List.of(
                binary("psql"),
                "-h",
                socket().toString(),
                "-p",
                String.valueOf(port),
                "-U",
                SYSTEM_ACCOUNT,
                "-d",
                on,
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-qAt",
                "-c",
                sql));
    }

    /**
     * Listening is not enough: after a crash the server listens while it recovers and refuses every connection until
     * it is consistent ({@code pg_isready} says when it accepts them).
     */
    private boolean accepts() {
        return ChildProcess.listening(port, 200) && Files.exists(socket().resolve(".s.PGSQL." + port)) && isReady();
    }

    private boolean isReady() {
        try {
            Process check = new ProcessBuilder(
                            binary("pg_isready"),
                            "-q",
                            "-h",
                            socket().toString(),
                            "-p",
                            String.valueOf(port),
                            "-t",
                            "2")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!check.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void prepareFolders() {
        try {
            Files.createDirectories(directory.resolve("log"));
            Files.createDirectories(socket());
            if (runsAsRoot()) {
                letTheServerAccountThrough(directory.getParent());
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                chownTree(directory);
            } else {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
    }

    /**
     * The folder that holds the server's folder (the run's data folder, a test's scratch folder) lets the postgres
     * account through and no other: group {@code postgres}, group may enter, others nothing. So do the folders above
     * that let nobody but their owner in (a private data folder, a test's private scratch folder): when they are this
     * account's and grant their group nothing, the same is done to them, which changes nothing for anyone else.
     * Another folder in the way is a problem to say.
     */
    private static void letTheServerAccountThrough(Path holder) throws IOException {
        passThrough(holder);
        for (Path above = holder.getParent(); above != null; above = above.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(above);
            if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE) || passesTheServerAccount(above)) {
                continue;
            }
            boolean ours = Files.getOwner(above).getName().equals(System.getProperty("user.name"));
            boolean groupHasNothing = permissions.stream()
                    .noneMatch(permission -> permission.name().startsWith("GROUP_"));
            if (!ours || !groupHasNothing) {
                throw new IllegalStateException("PostgreSQL runs as the " + SYSTEM_ACCOUNT + " account, which cannot "
                        + "enter " + above + "; keep the data folder where every account may pass through");
            }
            passThrough(above);
        }
    }

    /** Group {@code postgres} and the group may enter; nothing else changes. */
    private static void passThrough(Path folder) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        view.setGroup(
                folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(SYSTEM_ACCOUNT));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        permissions.add(PosixFilePermission.GROUP_EXECUTE);
        Files.setPosixFilePermissions(folder, permissions);
    }

    private static boolean passesTheServerAccount(Path folder) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        return view.readAttributes().group().getName().equals(SYSTEM_ACCOUNT)
                && Files.getPosixFilePermissions(folder).contains(PosixFilePermission.GROUP_EXECUTE);
    }

    private static void chownTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                chown(path);
            }
        }
    }

    private static void chown(Path path) throws IOException {
        UserPrincipal owner =
                path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_ACCOUNT);
        Files.setOwner(path, owner);
    }

    private static List<String> asServerAccount(List<String> command) {
        if (!runsAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(
                List.of("setpriv", "--reuid=" + SYSTEM_ACCOUNT, "--regid=" + SYSTEM_ACCOUNT, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String binary(String name) {
        String configured = System.getenv(BINARIES_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, name).toString();
        }
        try (Stream<Path> versions = Files.list(DEBIAN)) {
            return versions.map(version -> version.resolve("bin").resolve(name))
                    .filter(Files::isExecutable)
                    .max(Comparator.naturalOrder())
                    .map(Path::toString)
                    .orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException(
                    "PostgreSQL is not installed (looked in " + DEBIAN + "/*/bin); run ./noko setup");
        }
    }
}

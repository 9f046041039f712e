package ru.noko.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The TCP ports processes listen on, and on which addresses, read from Linux's {@code /proc}: a process's sockets are
 * the {@code socket:[inode]} links among its file descriptors, and {@code /proc/<pid>/net/tcp} and {@code tcp6} give
 * each listening socket's local address by inode.
 */
final class ListeningSockets {

    /** One listening socket: the process, its address as text ({@code 127.0.0.1}, {@code ::}) and port. */
    record Listening(long pid, String command, String address, int port) {
        boolean loopback() {
            return address.equals("127.0.0.1") || address.equals("::1") || address.equals("::ffff:127.0.0.1");
        }
    }

    private ListeningSockets() {}

    static List<Listening> of(List<ProcessHandle> processes) throws IOException {
        List<Listening> found = new ArrayList<>();
        for (ProcessHandle process : processes) {
            long pid = process.pid();
            Map<String, String[]> listening = new HashMap<>();
            read(Path.of("/proc/" + pid + "/net/tcp"), false, listening);
            read(Path.of("/proc/" + pid + "/net/tcp6"), true, listening);
            try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                for (Path descriptor : descriptors.toList()) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(descriptor).toString();
                    } catch (IOException e) {
                        continue; // closed meanwhile
                    }
                    if (target.startsWith("socket:[")) {
                        String[] socket = listening.get(target.substring(8, target.length() - 1));
                        if (socket != null) {
                            found.add(new Listening(
                                    pid, process.info().command().orElse("?"), socket[0], Integer.parseInt(socket[1])));
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return found;
    }

    /** inode → {address, port} of every socket in state LISTEN (0A) in a {@code /proc/net/tcp*} table. */
    private static void read(Path table, boolean six, Map<String, String[]> listening) throws IOException {
        if (!Files.exists(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\\s+");
            if (!fields[3].equals("0A")) {
                continue;
            }
            String[] local = fields[1].split(":");
            listening.put(fields[9], new String[] {
                address(local[0], six), String.valueOf(Integer.parseInt(local[1], 16))
            });
        }
    }

    /** The kernel's hex of an address (32-bit words, each little-endian) as text. */
    private static String address(String hex, boolean six) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] =
                        (byte) Integer.parseInt(hex.substring(word * 8 + (3 - b) * 2, word * 8 + (3 - b) * 2 + 2), 16);
            }
        }
        try {
            String text = java.net.InetAddress.getByAddress(bytes).getHostAddress();
            if (six && text.startsWith("0:0:0:0:0:ffff:")) {
                return "::ffff:"
                        + java.net.InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16))
                                .getHostAddress();
            }
            return switch (text) {
                case "0:0:0:0:0:0:0:0" -> "::";
                case "0:0:0:0:0:0:0:1" -> "::1";
                default -> text;
            };
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}

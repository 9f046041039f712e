package ru.noko.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import ru.noko.devstack.DevStack;
import ru.noko.pipeline.clickhouse.ColumnarInsertDriver;
import ru.noko.pipeline.clickhouse.SurveyResponseInsert;
import ru.noko.pipeline.response.ResponseRow;
import ru.noko.schemas.clickhouse.ClickHouseMigrator;
import ru.noko.schemas.clickhouse.ClickHouseTarget;

/**
 * {@code bench/clickhouse-insert.sh}: the raw rows' insert ({@link SurveyResponseInsert}, 18 columns) through the
 * native driver's own prepared insert and through the sinks' columnar insert, alternately, into a copy of
 * {@code survey_responses} with the Null engine (the server parses each block and keeps nothing, so what differs is
 * the client). Each round binds and sends the same generated rows in batches as the sink does and reports the
 * inserting thread's CPU time per row; prints every round and the medians.
 */
public final class ClickHouseInsertBenchmark {

    private ClickHouseInsertBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int rowsPerRound = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;

        ClickHouseTarget target = ClickHouseTarget.local(DevStack.clickHouse().tcpPort(), "insert_bench");
        new ClickHouseMigrator(target).migrate();
        try (Connection plain = target.connect();
                Statement statement = plain.createStatement()) {
            // The same columns, kept nowhere: the server still reads every block.
            statement.execute("CREATE TABLE survey_responses_null AS survey_responses ENGINE = Null");
            statement.execute("RENAME TABLE survey_responses TO survey_responses_kept,"
                    + " survey_responses_null TO survey_responses");
        }
        List<ResponseRow> rows = rows(new Random(1), rowsPerRound);
        Properties credentials = new Properties();
        credentials.setProperty("user", target.user());
        credentials.setProperty("password", target.password());

        List<Double> nativeNanos = new ArrayList<>();
        List<Double> columnarNanos = new ArrayList<>();
        try (Connection nativeDriver = target.connect();
                Connection columnar = new ColumnarInsertDriver().connect(target.jdbcUrl(), credentials)) {
            for (int round = 0; round <= rounds; round++) {
                double n = nanosPerRow(nativeDriver, rows, batch);
                double c = nanosPerRow(columnar, rows, batch);
                // Round 0 warms both paths up and is not counted.
                if (round > 0) {
                    nativeNanos.add(n);
                    columnarNanos.add(c);
                }
                System.out.printf(
                        "round %d%s: native driver %.0f ns of CPU per row, columnar %.0f ns%n",
                        round, round == 0 ? " (warm-up)" : "", n, c);
            }
        } finally {
            DevStack.clickHouse().stop();
        }
        double n = median(nativeNanos);
        double c = median(columnarNanos);
        System.out.printf(
                "BENCH | ClickHouse insert, %d columns | median of %d rounds of %d rows in batches of %d: native"
                        + " driver %.0f ns of CPU per row, columnar %.0f ns, ratio %.2f |%n",
                18, rounds, rowsPerRound, batch, n, c, c / n);
    }

    /** The inserting thread's CPU per row: binding every value, building the blocks, sending them. */
    private static double nanosPerRow(Connection connection, List<ResponseRow> rows, int batch) throws SQLException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SurveyResponseInsert binder = new SurveyResponseInsert();
        long before = threads.getCurrentThreadCpuTime();
        try (PreparedStatement insert = connection.prepareStatement(binder.query())) {
            for (int i = 0; i < rows.size(); i++) {
                binder.statement(insert, rows.get(i));
                insert.addBatch();
                if (i % batch == batch - 1 || i == rows.size() - 1) {
                    insert.executeBatch();
                }
            }
        }
        return (double) (threads.getCurrentThreadCpuTime() - before) / rows.size();
    }

    /** Rows shaped as the benchmark campaign's: ids, a dozen answers as JSON, an agent, HMACs. */
    private static List<ResponseRow> rows(Random random, int count) {
        List<ResponseRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ResponseRow row = new ResponseRow();
            row.responseId = "response-" + i + "-" + Long.toHexString(random.nextLong());
            row.campaignId = "demo-2026-noko";
            row.organizationId = "org-" + random.nextInt(2_000);
            row.respondentRole = random.nextBoolean() ? "parent" : "student";
            StringBuilder answers = new StringBuilder("{");
            for (int q = 1; q <= 12; q++) {
                answers.append(q > 1 ? "," : "")
                        .append("\"q")
                        .append(q)
                        .append("\":")
                        .append(random.nextBoolean());
            }
            row.answersJson = answers.append('}').toString();
            row.receivedAtMillis = 1_788_000_000_000L + i * 37L;
            row.submittedAtMillis = row.receivedAtMillis - random.nextInt(2_000);
            row.startedAtMillis = row.submittedAtMillis - 60_000 - random.nextInt(600_000);
            row.ipHmac = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
            row.userAgent = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";
            row.deviceToken = Long.toHexString(random.nextLong());
            row.emailHmac = random.nextInt(4) == 0 ? Long.toHexString(random.nextLong()) : "";
            row.kafkaPartition = random.nextInt(4);
            row.kafkaOffset = i;
            rows.add(row);
        }
        return rows;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}

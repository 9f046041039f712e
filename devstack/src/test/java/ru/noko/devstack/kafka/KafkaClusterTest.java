package ru.noko.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import ru.noko.devstack.DevStack;

/**
 * Three brokers, one SIGKILLed while an idempotent producer with acks=all sends: every send is acknowledged and read
 * back exactly once, the partitions the dead broker led get leaders among the other two, and the broker, started
 * again, catches up into every ISR.
 */
class KafkaClusterTest {

    private static final String TOPIC = "cluster-test.responses";
    private static final int PARTITIONS = 6;

    @Test
    void acknowledgedRecordsSurviveAKilledBrokerAndTheBrokerCatchesUpWhenBack() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.onFreePorts(DevStack.scratch("kafka-cluster"))) {
            Instant begin = Instant.now();
            cluster.start();
            report("cluster started", Duration.between(begin, Instant.now()));
            assertThat(cluster.registered()).containsExactly(1, 2, 3);
            assertThat(cluster.quorumLeader()).isIn(1, 2, 3);
            for (int node : KafkaCluster.NODES) {
                Properties config = new Properties();
                try (var in = Files.newBufferedReader(cluster.configFile(node))) {
                    config.load(in);
                }
                assertThat(config)
                        .containsAllEntriesOf(KafkaCluster.DEPLOYMENT_SETTINGS)
                        .containsAllEntriesOf(KafkaCluster.RELIED_ON_DEFAULTS)
                        .containsEntry("node.id", String.valueOf(node))
                        .containsEntry(
                                "controller.quorum.voters",
                                "1@127.0.0.1:" + cluster.controllerPort(1)
                                        + ",2@127.0.0.1:" + cluster.controllerPort(2) + ",3@127.0.0.1:"
                                        + cluster.controllerPort(3));
            }

            cluster.createTopic(TOPIC, PARTITIONS);
            await(
                    "every partition fully replicated",
                    Duration.ofSeconds(30),
                    () -> cluster.isr(TOPIC),
                    isrs -> isrs.size() == PARTITIONS && isrs.values().stream().allMatch(isr -> isr.size() == 3));
            Map<Integer, Integer> leadersBefore = await(
                    "every partition led",
                    Duration.ofSeconds(30),
                    () -> cluster.leaders(TOPIC),
                    leaders -> leaders.values().stream().allMatch(l -> l > 0));
            int victim = leadersBefore.get(0);
            Set<Integer> ledByVictim = partitionsLedBy(leadersBefore, victim);

            try (Sender sender = new Sender(cluster.bootstrapServers())) {
                sender.start();
                await(
                        "records acknowledged before the kill",
                        Duration.ofSeconds(30),
                        sender::acked,
                        acked -> acked >= 500);

                Instant killedAt = Instant.now();
                cluster.kill(victim);
                assertThat(cluster.process(victim).orElseThrow().exitCode()).hasValue(137);
                // The brokers' views of the metadata converge within moments: conditions are awaited, and what is
                // asserted is the answer that met them.
                Map<Integer, Integer> leadersAfter = await(
                        "new leaders for the partitions broker " + victim + " led",
                        Duration.ofSeconds(60),
                        () -> cluster.leaders(TOPIC),
                        leaders -> leaders.values().stream().noneMatch(l -> l == victim || l < 0));
                Duration election = Duration.between(killedAt, Instant.now());
                report("leaders elected after SIGKILL of broker " + victim, election);
                for (int partition : ledByVictim) {
                    assertThat(leadersAfter.get(partition)).isIn(others(victim));
                }
                await(
                        "broker " + victim + " out of every ISR, the other two in",
                        Duration.ofSeconds(30),
                        () -> cluster.isr(TOPIC),
                        isrs -> isrs.values().stream().allMatch(isr -> isr.equals(Set.copyOf(others(victim)))));

                // With two replicas in sync of three, min.insync.replicas=2 still takes acks=all writes.
                int ackedAtElection = sender.acked();
                await(
                        "records acknowledged with broker " + victim + " down",
                        Duration.ofSeconds(30),
                        sender::acked,
                        acked -> acked >= ackedAtElection + 500);

                Instant restartedAt = Instant.now();
                cluster.start(victim);
                report("broker " + victim + " registered again", Duration.between(restartedAt, Instant.now()));
                await(
                        "broker " + victim + " back in every ISR",
                        Duration.ofSeconds(60),
                        () -> cluster.inEveryIsr(victim),
                        in -> in);
                Duration catchUp = Duration.between(restartedAt, Instant.now());
                report("broker " + victim + " caught up after restart", catchUp);
                await(
                        "all three in every ISR of " + TOPIC,
                        Duration.ofSeconds(30),
                        () -> cluster.isr(TOPIC),
                        isrs -> isrs.values().stream().allMatch(isr -> isr.equals(Set.of(1, 2, 3))));

                sender.finish();
                assertThat(sender.failures()).as("failed sends").isEmpty();
                assertThat(sender.acked()).isEqualTo(sender.sent());
                report("records sent and acknowledged: " + sender.sent(), Duration.ZERO);

                List<Integer> read = readAll(cluster.bootstrapServers(), sender.sent());
                assertThat(read).as("each id read once").doesNotHaveDuplicates();
                Set<Integer> everyId = java.util.stream.IntStream.range(0, sender.sent())
                        .boxed()
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(sender.ids()).isEqualTo(everyId);
                assertThat(new TreeSet<>(read)).as("exactly the ids sent").isEqualTo(everyId);
            }
            Instant stopping = Instant.now();
            cluster.stop();
            report("cluster stopped", Duration.between(stopping, Instant.now()));
            for (int node : KafkaCluster.NODES) {
                assertThat(cluster.process(node).orElseThrow().isAlive()).isFalse();
            }
        }
    }

    @Test
    void theBrokersHaveTheDeploymentSettings() {
        assertThat(KafkaCluster.DEPLOYMENT_SETTINGS)
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("auto.create.topics.enable", "false");
        assertThat(KafkaCluster.RELIED_ON_DEFAULTS).containsEntry("unclean.leader.election.enable", "false");
        assertThat(KafkaCluster.composeVariable("min.insync.replicas")).isEqualTo("KAFKA_MIN_INSYNC_REPLICAS");
    }

    private static List<Integer> others(int node) {
        return KafkaCluster.NODES.stream().filter(n -> n != node).toList();
    }

    private static Set<Integer> partitionsLedBy(Map<Integer, Integer> leaders, int node) {
        return leaders.entrySet().stream()
                .filter(e -> e.getValue() == node)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Integer> readAll(String bootstrap, int expected) {
        List<Integer> ids = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    ids.add(Integer.valueOf(record.value()));
                }
                if (ids.size() >= expected
                        && consumer.endOffsets(partitions).entrySet().stream()
                                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    break;
                }
            }
        }
        return ids;
    }

    /**
     * Reads until what is read meets {@code condition} (a failure to read counts as not yet), and returns that; fails
     * after {@code timeout}.
     */
    private static <T> T await(String what, Duration timeout, Supplier<T> read, Predicate<T> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = read.get();
                if (condition.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + timeout + ": " + what + " (last read: " + last + ")");
    }

    private static void report(String what, Duration took) {
        System.out.printf("KafkaClusterTest: %s%s%n", what, took.isZero() ? "" : " in " + took.toMillis() + " ms");
    }

    /** An idempotent acks=all producer sending ids 0, 1, 2, … from a thread of its own until told to finish. */
    private static final class Sender implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final Thread thread = new Thread(this::run, "cluster-test-sender");
        // At most this many sends wait for their acknowledgement: a stalled partition does not pile records up.
        private final Semaphore inFlight = new Semaphore(2000);
        private final AtomicInteger acked = new AtomicInteger();
        private final ConcurrentLinkedQueue<Integer> ackedIds = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;
        private volatile int sent;

        Sender(String bootstrap) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                    5,
                    ProducerConfig.LINGER_MS_CONFIG,
                    5,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                    120_000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class));
        }

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            int id = 0;
            try {
                while (running) {
                    inFlight.acquire();
                    int current = id++;
                    producer.send(
                            new ProducerRecord<>(TOPIC, String.valueOf(current), String.valueOf(current)), (m, e) -> {
                                if (e == null) {
                                    ackedIds.add(current);
                                    acked.incrementAndGet();
                                } else {
                                    failures.add(current + ": " + e);
                                }
                                inFlight.release();
                            });
                    sent = id;
                    // About a thousand a second: enough to keep every partition busy, not so many that the two
                    // cores go to the producer instead of the brokers.
                    if (current % 10 == 9) {
                        Thread.sleep(10);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failures.add("send: " + e);
            }
        }

        /** Stops sending and waits until every send has its answer. */
        void finish() throws InterruptedException {
            running = false;
            thread.join(10_000);
            producer.flush();
        }

        int sent() {
            return sent;
        }

        int acked() {
            return acked.get();
        }

        Set<Integer> ids() {
            return new TreeSet<>(ackedIds);
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        @Override
        public void close() {
            running = false;
            producer.close(Duration.ofSeconds(10));
        }
    }
}

package dev.vertxshop.launcher;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.map.MapEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import dev.vertxshop.platform.discovery.Endpoint;
import dev.vertxshop.platform.discovery.ServiceDirectory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ServiceDirectory} of a clustered shop: a Hazelcast replicated map holds one record
 * per published endpoint, keyed by its member, so every member reads the directory from its own
 * copy. A member publishes its services' endpoints once they are ready and withdraws them when it
 * stops; when a member leaves or dies, Hazelcast tells every other member, which drops its
 * records at once (an endpoint of a member that is no longer in the cluster is never answered,
 * even before its record is removed).
 *
 * <p>A replicated map is only eventually consistent: a record written while the member's copy is
 * still being filled from the others can be lost (seen after a member restarted into a cluster that
 * had just lost it: one of its four records never reached even its own copy). So a member that
 * published keeps its records and puts back any the map lacks ({@link #reassert()}, which the
 * launcher calls every few seconds).
 */
final class ClusterDirectory implements ServiceDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDirectory.class);
  static final String MAP = "vertx-shop.endpoints";

  private final HazelcastInstance hazelcast;
  private final String node;
  private final ReplicatedMap<String, String> records;
  /** What this member published and has not withdrawn, by key. */
  private final Map<String, String> own = new ConcurrentHashMap<>();
  /** The live endpoints by {@code service/protocol}, rebuilt whenever the records or the members change. */
  private volatile Map<String, List<Endpoint>> view = Map.of();

  private ClusterDirectory(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
    this.node = hazelcast.getCluster().getLocalMember().getUuid().toString();
    this.records = hazelcast.getReplicatedMap(MAP);
  }

  /** The directory of the cluster {@code hazelcast} is a member of, kept up to date from now on. */
  static ClusterDirectory open(HazelcastInstance hazelcast) {
    ClusterDirectory directory = new ClusterDirectory(hazelcast);
    directory.records.addEntryListener(new EntryAdapter<>() {
      @Override
      public void onEntryEvent(EntryEvent<String, String> event) {
        directory.refresh();
      }

      @Override
      public void onMapEvent(MapEvent event) {
        directory.refresh();
      }
    });
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        directory.refresh();
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        directory.forget(event.getMember());
      }
    });
    directory.dropRecordsOfDepartedMembers();
    directory.refresh();
    return directory;
  }

  /** Publishes {@code endpoints} of this member (their {@link Endpoint#node()} is this member's). */
  void publish(Collection<Endpoint> endpoints) {
    for (Endpoint endpoint : endpoints) {
      Endpoint mine = new Endpoint(endpoint.service(), endpoint.protocol(), endpoint.address(), node);
      String record = mine.toJson().encode();
      own.put(key(mine), record);
      records.put(key(mine), record);
      LOG.info("Published {} {} at {}", mine.service(), mine.protocol().code(), mine.address());
    }
    refresh();
  }

  /**
   * Puts back every record of this member that the map lacks or holds otherwise; returns how many.
   * Costs a lookup per own endpoint in the member's local copy when nothing is missing.
   */
  int reassert() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return 0;
    }
    int restored = 0;
    for (Map.Entry<String, String> mine : own.entrySet()) {
      if (!mine.getValue().equals(records.get(mine.getKey()))) {
        records.put(mine.getKey(), mine.getValue());
        LOG.warn("The directory had lost {}: published again", mine.getKey());
        restored++;
      }
    }
    if (restored > 0) {
      refresh();
    }
    return restored;
  }

  /** Withdraws every endpoint this member published: no new call is sent here from now on. */
  void withdraw() {
    own.clear();
    if (!hazelcast.getLifecycleService().isRunning()) {
      return;
    }
    records.keySet().stream().filter(key -> key.startsWith(node + "|")).forEach(records::remove);
    refresh();
  }

  /** This member's id (the one Vert.x uses for it on the event bus). */
  String node() {
    return node;
  }

  @Override
  public List<Endpoint> endpoints(String service, Endpoint.Protocol protocol) {
    return view.getOrDefault(service + "/" + protocol.code(), List.of());
  }

  @Override
  public JsonObject describe() {
    JsonArray endpoints = new JsonArray();
    view.values().stream()
        .flatMap(List::stream)
        .sorted(Comparator.comparing(Endpoint::service).thenComparing(Endpoint::protocol).thenComparing(Endpoint::address))
        .forEach(endpoint -> endpoints.add(endpoint.toJson()));
    return new JsonObject()
        .put("clustered", true)
        .put("node", node)
        .put("members", new JsonArray(List.copyOf(liveMembers())))
        .put("endpoints", endpoints);
  }

  private void forget(Member departed) {
    String id = departed.getUuid().toString();
    LOG.info("Member {} left the cluster; its endpoints are dropped", id);
    refresh();
    // Every member that notices drops the records; removing one already gone does nothing.
    if (hazelcast.getLifecycleService().isRunning()) {
      records.keySet().stream().filter(key -> key.startsWith(id + "|")).forEach(records::remove);
    }
  }

  /** Records whose member is gone: left by a member that died while this one was joining. */
  private void dropRecordsOfDepartedMembers() {
    Set<String> live = liveMembers();
    records.keySet().stream()
        .filter(key -> !live.contains(key.substring(0, key.indexOf('|'))))
        .forEach(records::remove);
  }

  private void refresh() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      view = Map.of();
      return;
    }
    Set<String> live = liveMembers();
    view = records.values().stream()
        .map(record -> Endpoint.fromJson(new JsonObject(record)))
        .filter(endpoint -> live.contains(endpoint.node()))
        .sorted(Comparator.comparing(Endpoint::node).thenComparing(Endpoint::address))
        .collect(Collectors.groupingBy(endpoint -> endpoint.service() + "/" + endpoint.protocol().code(),
            Collectors.toUnmodifiableList()));
  }

  private Set<String> liveMembers() {
    return hazelcast.getCluster().getMembers().stream()
        .map(member -> member.getUuid().toString())
        .collect(Collectors.toSet());
  }

  private static String key(Endpoint endpoint) {
    return endpoint.node() + "|" + endpoint.service() + "|" + endpoint.protocol().code() + "|" + endpoint.address();
  }
}

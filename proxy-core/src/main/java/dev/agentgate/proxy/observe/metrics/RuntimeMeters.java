package dev.agentgate.proxy.observe.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.PlatformDependent;
import java.util.Locale;

/**
 * The process underneath: JVM (memory, GC, threads, class loading, processors, file descriptors)
 * and Netty (buffer allocator memory and arenas, direct memory limit, event loop backlog).
 */
final class RuntimeMeters implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /**
   * Filters for Micrometer's JVM binders where they break Prometheus conventions (promtool check
   * metrics flags them): {@code process_cpu_time_ns_total} (abbreviated unit; {@code
   * process_cpu_usage} says the same) and {@code system_cpu_count} (a {@code _count} suffix on a
   * gauge). Must be configured before any meter is registered.
   */
  static void configureFilters(MeterRegistry registry) {
    registry
        .config()
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count")
                    ? id.withName("system.cpu.processors")
                    : id;
              }
            });
  }

  RuntimeMeters(MeterFactory meters) {
    MeterRegistry registry = meters.registry();
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    meters.gauge(
        "agentgate.netty.direct.memory.max",
        "The most direct (off-heap) memory Netty may allocate.",
        "bytes",
        Tags.empty(),
        this,
        self -> PlatformDependent.maxDirectMemory());
  }

  /** Memory gauges of the allocator the proxy's channels use (pooled or not). */
  static void bindAllocator(MeterFactory meters, ByteBufAllocator allocator) {
    if (!(allocator instanceof ByteBufAllocatorMetricProvider provider)) {
      return;
    }
    ByteBufAllocatorMetric metric = provider.metric();
    String type =
        allocator
            .getClass()
            .getSimpleName()
            .replace("ByteBufAllocator", "")
            .toLowerCase(Locale.ROOT);
    Tags heap = Tags.of("allocator", type, "memory_type", "heap");
    Tags direct = Tags.of("allocator", type, "memory_type", "direct");
    String usedHelp = "Memory held by Netty's buffer allocator, by memory type (heap, direct).";
    meters.gauge(
        "agentgate.netty.allocator.used",
        usedHelp,
        "bytes",
        heap,
        metric,
        ByteBufAllocatorMetric::usedHeapMemory);
    meters.gauge(
        "agentgate.netty.allocator.used",
        usedHelp,
        "bytes",
        direct,
        metric,
        ByteBufAllocatorMetric::usedDirectMemory);
    if (allocator instanceof PooledByteBufAllocator pooled) {
      String pinnedHelp =
          "Memory of the pooled allocator pinned by buffers in use, by memory type.";
      meters.gauge(
          "agentgate.netty.allocator.pinned",
          pinnedHelp,
          "bytes",
          heap,
          pooled,
          PooledByteBufAllocator::pinnedHeapMemory);
      meters.gauge(
          "agentgate.netty.allocator.pinned",
          pinnedHelp,
          "bytes",
          direct,
          pooled,
          PooledByteBufAllocator::pinnedDirectMemory);
      String arenasHelp = "Arenas of the pooled allocator, by memory type.";
      meters.gauge(
          "agentgate.netty.allocator.arenas",
          arenasHelp,
          null,
          heap,
          pooled,
          p -> p.metric().numHeapArenas());
      meters.gauge(
          "agentgate.netty.allocator.arenas",
          arenasHelp,
          null,
          direct,
          pooled,
          p -> p.metric().numDirectArenas());
    }
  }

  /** One backlog gauge per event loop, labelled by its position in the group (bounded). */
  static void bindEventLoops(MeterFactory meters, EventExecutorGroup group) {
    int index = 0;
    for (EventExecutor executor : group) {
      if (executor instanceof SingleThreadEventExecutor loop) {
        meters.gauge(
            "agentgate.event.loop.pending.tasks",
            "Tasks queued on an event loop and not yet run: a backlog means the loop is saturated.",
            null,
            Tags.of("loop", Integer.toString(index)),
            loop,
            SingleThreadEventExecutor::pendingTasks);
      }
      index++;
    }
  }

  @Override
  public void close() {
    gc.close();
  }
}

package dev.vertxshop.grpcinterop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the server process, of this (client) process and of the whole machine, from Linux's
 * {@code /proc}, so that a report shows who used the cores during a measured period, and whether
 * something else on the machine did. Elsewhere than on Linux every reading is zero.
 */
record CpuUsage(long serverTicks, long clientTicks, long busyTicks) {

  // USER_HZ: the unit of /proc's CPU times; 100 on every Linux architecture Java runs on.
  private static final double TICKS_PER_SECOND = 100;

  static CpuUsage read(long serverPid) {
    return new CpuUsage(processTicks("/proc/" + serverPid + "/stat"), processTicks("/proc/self/stat"), machineBusyTicks());
  }

  /** Cores used between {@code start} and this reading, over {@code nanos}: server, client, the rest. */
  Cores since(CpuUsage start, long nanos) {
    double seconds = nanos / 1e9;
    double server = (serverTicks - start.serverTicks) / TICKS_PER_SECOND / seconds;
    double client = (clientTicks - start.clientTicks) / TICKS_PER_SECOND / seconds;
    double busy = (busyTicks - start.busyTicks) / TICKS_PER_SECOND / seconds;
    return new Cores(server, client, Math.max(0, busy - server - client));
  }

  /** Average cores in use: by the server, by the client, by everything else on the machine. */
  record Cores(double server, double client, double others) {}

  private static long processTicks(String stat) {
    try {
      String line = Files.readString(Path.of(stat));
      // The command name may hold spaces: the fields after it start past its closing parenthesis.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long machineBusyTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < fields.length; i++) {
        // Idle and I/O wait are not busy; guest times are already counted in user and nice.
        if (i != 4 && i != 5 && i < 9) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}

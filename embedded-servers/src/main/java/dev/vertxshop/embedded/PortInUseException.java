package dev.vertxshop.embedded;

/** An embedded server could not start because its port is already taken. */
public final class PortInUseException extends IllegalStateException {

  private final String address;

  PortInUseException(String server, String address, Throwable cause) {
    super("Cannot start the embedded " + server + " on " + address
        + ": the port is already in use (another " + server + ", or an earlier run still alive?)", cause);
    this.address = address;
  }

  /** host:port that was taken. */
  public String address() {
    return address;
  }
}

package cathnav.igtl.net.impl;

/** The latest-only key of an outbound message: its type name and device name. */
record OutboundKey(String typeName, String deviceName) {

  @Override
  public String toString() {
    return typeName + ":" + deviceName;
  }
}

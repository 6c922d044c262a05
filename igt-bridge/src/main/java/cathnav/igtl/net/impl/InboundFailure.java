package cathnav.igtl.net.impl;

import cathnav.igtl.net.CloseReason;

/**
 * Why inbound bytes could not become a message: the reason the connection closes for, a detail for the log line, and
 * the STATUS code told to the peer (-1: tell nothing).
 */
record InboundFailure(CloseReason reason, String detail, int statusCode) {}

/**
 * OpenIGTLink for CathNav. {@code cathnav.igtl.message}: the message records; {@code cathnav.igtl.codec}: the
 * pure Netty codec (framing, CRC-64, header versions 1 and 2, every body type). The Vert.x transport, the
 * recording format and the command-line tools build on these two packages.
 */
package cathnav.igtl;

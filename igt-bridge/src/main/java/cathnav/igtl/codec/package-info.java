/**
 * The OpenIGTLink codec on Netty {@code ByteBuf}s (no Vert.x here).
 *
 * <h2>For the transport</h2>
 * <pre>{@code
 * pipeline.addBefore("handler", "igtl-decoder", new IgtlFrameDecoder(options));   // one per channel
 * pipeline.addBefore("handler", "igtl-encoder", IgtlMessageEncoder.INSTANCE);     // @Sharable, stateless
 * // inbound: IgtlMessage (release it when done) or IgtlInvalidFrame (log, count; framingLost() => close)
 * // outbound: write(IgtlMessage); the encoder releases it once (retain() per extra channel)
 * }</pre>
 * <ul>
 *   <li>{@link cathnav.igtl.codec.IgtlCodecOptions}: max body size (checked from the header before anything is
 *       buffered; BODY_SIZE up to 2^64-1 handled), max metadata size, CRC check on/off per connection.</li>
 *   <li>{@link cathnav.igtl.codec.IgtlFrameDecoder}: emits messages or {@link cathnav.igtl.codec.IgtlInvalidFrame}
 *       (reason, {@code key=value} detail, header fields, frame index, bytes discarded); never throws for bad
 *       input. After a reason with {@code framingLost()} it drops the rest of the input.</li>
 *   <li>{@link cathnav.igtl.codec.IgtlFrameParser} / {@link cathnav.igtl.codec.IgtlFrameWriter}: the same
 *       decode and encode as plain functions over one complete frame (recordings, tools, tests).</li>
 *   <li>{@link cathnav.igtl.codec.Crc64#compute(io.netty.buffer.ByteBuf, int, int)}: CRC-64/ECMA-182 over a
 *       buffer range (slicing-by-8), the entry point for benches.</li>
 *   <li>{@link cathnav.igtl.codec.HeaderDescriptor}: the wire layout of header, extended header and
 *       metadata.</li>
 * </ul>
 *
 * <p>Ownership: IMAGE and unknown-type bodies are retained slices of the received buffer (no pixel copy);
 * the {@link cathnav.igtl.message.IgtlMessage} is {@code ReferenceCounted} through them, so
 * {@code ReferenceCountUtil.release(msg)} is always right. Outbound IMAGE pixels are not copied either.
 */
package cathnav.igtl.codec;

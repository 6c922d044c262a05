/**
 * OpenIGTLink messages as immutable values: the envelope {@link cathnav.igtl.message.IgtlMessage} (header
 * version, type name as sent, device name, exact {@link cathnav.igtl.message.IgtlTimestamp}, ordered version-2
 * metadata, message id) around one {@link cathnav.igtl.message.IgtlBody} record per message type.
 *
 * <p>Type names: each body has a default ({@code TRANSFORM}, {@code IMAGE}, ...); query bodies
 * ({@link cathnav.igtl.message.GetQueryBody}, {@link cathnav.igtl.message.StartStreamBody},
 * {@link cathnav.igtl.message.StopStreamBody}, {@link cathnav.igtl.message.QueryReplyBody}) hold a canonical
 * target ({@code GET_TRANS} and {@code GET_TRANSFOR} both mean TRANSFORM) while the envelope keeps the name
 * exactly as received, so a reply can mirror it. Types not interpreted arrive as
 * {@link cathnav.igtl.message.RawBody}.
 *
 * <p>Units: mm in RAS unless a message says otherwise (IMAGE may say LPS); times as
 * {@link cathnav.igtl.message.IgtlTimestamp}. Records holding buffers ({@link cathnav.igtl.message.ImageBody},
 * {@link cathnav.igtl.message.RawBody}) are reference counted; all others are plain values, safe to share
 * between threads.
 */
package cathnav.igtl.message;

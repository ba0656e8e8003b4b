/* fuzz-decoder.c — libFuzzer target: bytes through PltDecoder, both ways
 *
 * Each input is decoded as a router's message and as a console's. Beyond
 * "no crash" (AddressSanitizer, UndefinedBehaviorSanitizer, and every GLib
 * warning or critical made fatal), it checks what the decoder promises:
 *   - a message or an error, never both, never neither; the error is in
 *     PLT_PROTOCOL_ERROR with a known code and a UTF-8 message;
 *   - the rejected and unknown counters move by exactly one when they
 *     should;
 *   - a decoded message survives a round trip: its encoding decodes again
 *     (same direction) to an equal message, whose encoding is the same text;
 *   - the scanner, which checks UTF-8 itself as it goes, agrees with
 *     g_utf8_validate_len(): what it accepts is UTF-8, and text that is not
 *     (without a NUL) is rejected as such.
 *
 * Built by tests/fuzz/meson.build with -Dfuzzing=true and clang (see
 * build-aux/run-fuzzers), and in every build as a replay test over the
 * corpus (tests/fuzz/fuzz-replay.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "plt-json-scan.h"
#include "plt-protocol.h"
#include "fuzz-common.h"

static void
check_round_trip (PltDecoder       *decoder,
                  PltDecoderDirection direction,
                  const PltMessage *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltMessage) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize limit = direction == PLT_DECODER_FROM_SERVER
    ? PLT_PROTOCOL_MAX_CLIENT_FRAME
    : PLT_PROTOCOL_MAX_CLIENT_MESSAGE;

  text = plt_message_encode (message);
  FUZZ_CHECK (text != NULL);
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL));

  /* The encoding writes absent optional fields as null and drops unknown
   * ones: it can be longer than what was received, and a message just
   * under the limit may encode to one over it. */
  if (strlen (text) > limit)
    return;

  again = plt_decoder_decode (decoder, text, strlen (text), &error);
  if (again == NULL)
    fuzz_fail ("the encoding of a decoded %s does not decode: %s\n  %s",
               plt_message_type_to_string (message->type), error->message, text);

  if (!plt_message_equal (message, again))
    fuzz_fail ("a %s changed in a round trip:\n  %s",
               plt_message_type_to_string (message->type), text);

  text_again = plt_message_encode (again);
  FUZZ_CHECK (text_again != NULL);
  if (strcmp (text, text_again) != 0)
    fuzz_fail ("encoding is not stable:\n  %s\n  %s", text, text_again);
}

static void
decode_one (PltDecoder          *decoder,
            PltDecoderDirection  direction,
            const char          *data,
            gsize                size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PltMessage) message = NULL;
  guint64 rejected = plt_decoder_get_rejected_count (decoder);
  guint64 unknown = plt_decoder_get_unknown_count (decoder);

  message = plt_decoder_decode (decoder, data, size, &error);
  FUZZ_CHECK ((message == NULL) != (error == NULL));

  if (message == NULL)
    {
      FUZZ_CHECK (error->domain == PLT_PROTOCOL_ERROR);
      FUZZ_CHECK (error->code >= PLT_PROTOCOL_ERROR_BAD_REQUEST &&
                  error->code <= PLT_PROTOCOL_ERROR_INTERNAL);
      FUZZ_CHECK (error->message != NULL && *error->message != '\0');
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (plt_decoder_get_rejected_count (decoder) == rejected + 1);
      FUZZ_CHECK (plt_decoder_get_unknown_count (decoder) == unknown);
      return;
    }

  FUZZ_CHECK (plt_decoder_get_rejected_count (decoder) == rejected);
  FUZZ_CHECK (message->type_name != NULL);
  if (message->type == PLT_MESSAGE_UNKNOWN)
    FUZZ_CHECK (plt_decoder_get_unknown_count (decoder) == unknown + 1);
  else
    {
      FUZZ_CHECK (plt_decoder_get_unknown_count (decoder) == unknown);
      FUZZ_CHECK (strcmp (message->type_name, plt_message_type_to_string (message->type)) == 0);
    }

  if (direction == PLT_DECODER_FROM_SERVER)
    {
      FUZZ_CHECK (message->has_seq && message->seq >= 0);
      FUZZ_CHECK (message->epoch != NULL);
    }
  if (message->epoch != NULL)
    FUZZ_CHECK (strlen (message->epoch) >= 1 && strlen (message->epoch) <= PLT_PROTOCOL_MAX_ID);

  check_round_trip (decoder, direction, message);
}

static void
check_scanner_utf8 (const char *data,
                    gsize       size)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = g_utf8_validate_len (data, size, NULL);

  if (plt_json_scan (data, size, &error))
    {
      if (!valid)
        fuzz_fail ("the scanner accepted text that is not UTF-8");
      return;
    }

  /* A NUL or a leading byte-order mark is reported before UTF-8. */
  if (!valid && memchr (data, '\0', size) == NULL &&
      !(size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0) &&
      strstr (error->message, "UTF-8") == NULL)
    fuzz_fail ("text that is not UTF-8 was rejected for another reason: %s", error->message);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static PltDecoder *from_server = NULL;
  static PltDecoder *from_client = NULL;
  /* The decoder gets a block of exactly @size bytes, not NUL-terminated. */
  g_autofree char *copy = g_memdup2 (data, size);

  fuzz_init ();

  /* Reused across inputs, as on a connection. */
  if (from_server == NULL)
    {
      from_server = plt_decoder_new (PLT_DECODER_FROM_SERVER);
      from_client = plt_decoder_new (PLT_DECODER_FROM_CLIENT);
    }

  check_scanner_utf8 (copy, size);
  decode_one (from_server, PLT_DECODER_FROM_SERVER, copy, size);
  decode_one (from_client, PLT_DECODER_FROM_CLIENT, copy, size);

  return 0;
}

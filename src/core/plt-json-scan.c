/* plt-json-scan.c — the pass over a message's text that runs before
 * json-glib sees it (docs/protocol.md §7, steps 2 and 3, and part of 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "plt-json-scan.h"

/*
 * One pass over the text, before json-glib sees it. json-glib 1.6.6 recurses
 * without a limit (a deep enough input overflows the stack) and is lenient
 * in ways that would let two decoders disagree, so this pass rejects:
 *
 *   - nesting deeper than PLT_PROTOCOL_MAX_DEPTH (TOO_LARGE);
 *   - a string longer than PLT_PROTOCOL_MAX_STRING bytes once unescaped,
 *     member names included (TOO_LARGE);
 *   - a number whose mantissa has more than PLT_PROTOCOL_MAX_DIGITS
 *     significant digits, or whose exponent has more than 3 digits;
 *     json-glib turns a too long integer into -1 silently (BAD_REQUEST);
 *   - comments (slash-star, slash-slash), single-quoted strings, hexadecimal
 *     numbers, leading zeros, "1.", ".5", "+1", NaN and Infinity, bare words
 *     other than true, false and null (BAD_REQUEST);
 *   - raw control characters (below U+0020) inside strings, escapes other
 *     than the eight of RFC 8259 and \uXXXX, lone UTF-16 surrogates, and
 *     \u0000, which would cut a C string short (BAD_REQUEST);
 *   - a root that is not an object, an empty or blank text, and anything
 *     but whitespace after the root object, such as "{} {}" (BAD_REQUEST).
 *
 * What is left for json-glib is RFC 8259 grammar (commas, colons, matching
 * brackets). Duplicate member names are tolerated: the last one wins.
 * Errors are reported in text order, except the ones about the root, which
 * are step 4 of the rules and come after the whole text has been scanned.
 */

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define MAX_EXPONENT_DIGITS 3

static gboolean
prescan_fail (GError           **error,
              PltProtocolError   code,
              gsize              offset,
              const char        *what)
{
  g_set_error (error, PLT_PROTOCOL_ERROR, code, "%s (at byte %" G_GSIZE_FORMAT ")", what, offset);
  return FALSE;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           guint        *out)
{
  guint v = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (guint) h;
    }

  *out = v;
  return TRUE;
}

/* The length of the UTF-8 sequence at @p, or 0 when it is not one: the
 * rules of g_utf8_validate() (well-formed, shortest form, at most U+10FFFF,
 * no UTF-16 surrogate), which the fuzz target fuzz-decoder checks against
 * it. */
static gsize
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  gunichar cp;
  gunichar min;
  gsize n;

  if (*p >= 0xC2 && *p <= 0xDF)
    {
      n = 2;
      cp = *p & 0x1F;
      min = 0x80;
    }
  else if (*p >= 0xE0 && *p <= 0xEF)
    {
      n = 3;
      cp = *p & 0x0F;
      min = 0x800;
    }
  else if (*p >= 0xF0 && *p <= 0xF4)
    {
      n = 4;
      cp = *p & 0x07;
      min = 0x10000;
    }
  else
    return 0;

  if ((gsize) (end - p) < n)
    return 0;

  for (gsize i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (p[i] & 0x3F);
    }

  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;

  return n;
}

/* @p points after the opening quote. Returns the position after the closing
 * quote, or NULL with @error set. */
static const guchar *
prescan_string (const guchar  *start,
                const guchar  *p,
                const guchar  *end,
                GError       **error)
{
  gsize decoded = 0;

  for (;;)
    {
      const guchar *run = p;

      /* The common case: plain ASCII, each byte one byte of the decoded
       * string. */
      while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80)
        p++;
      decoded += (gsize) (p - run);

      if (decoded > PLT_PROTOCOL_MAX_STRING)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, run - start,
                        "a string is longer than 4096 bytes");
          return NULL;
        }

      if (p >= end)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start, "unterminated string");
          return NULL;
        }

      if (*p == '"')
        return p + 1;

      /* UTF-8 is checked here, in strings, the only place where a byte
       * above 0x7F may stand: one pass over the text instead of two. */
      if (*p >= 0x80)
        {
          gsize n = utf8_sequence_length (p, end);

          if (n == 0)
            {
              prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                            "the message is not valid UTF-8");
              return NULL;
            }
          p += n;
          decoded += n;
          if (decoded > PLT_PROTOCOL_MAX_STRING)
            {
              prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, p - start,
                            "a string is longer than 4096 bytes");
              return NULL;
            }
          continue;
        }

      if (*p < 0x20)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                        "raw control character inside a string");
          return NULL;
        }

      /* A backslash */
      if (p + 1 >= end)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start, "unterminated string");
          return NULL;
        }

      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          decoded += 1;
          p += 2;
          break;

        case 'u':
          {
            guint cp;

            if (!read_hex4 (p + 2, end, &cp))
              {
                prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                              "invalid \\u escape");
                return NULL;
              }

            if (cp == 0)
              {
                prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                              "\\u0000 is not allowed in a string");
                return NULL;
              }

            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                guint low;

                if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                    !read_hex4 (p + 8, end, &low) || low < 0xDC00 || low > 0xDFFF)
                  {
                    prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                                  "lone UTF-16 surrogate in a \\u escape");
                    return NULL;
                  }
                decoded += 4;
                p += 12;
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              {
                prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                              "lone UTF-16 surrogate in a \\u escape");
                return NULL;
              }
            else
              {
                decoded += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                p += 6;
              }
          }
          break;

        default:
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                        "invalid escape sequence in a string");
          return NULL;
        }

      if (decoded > PLT_PROTOCOL_MAX_STRING)
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, p - start,
                        "a string is longer than 4096 bytes");
          return NULL;
        }
    }
}

static const guchar *
prescan_number (const guchar  *start,
                const guchar  *p,
                const guchar  *end,
                GError       **error)
{
  const guchar *first = p;
  guint significant = 0;
  guint exponent_digits = 0;
  gboolean leading = TRUE;

  if (*p == '-')
    p++;

  if (p >= end || !IS_DIGIT (*p))
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
      return NULL;
    }

  if (*p == '0')
    {
      p++;
      if (p < end && (*p == 'x' || *p == 'X'))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                        "hexadecimal numbers are not allowed");
          return NULL;
        }
      if (p < end && IS_DIGIT (*p))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                        "numbers must not have leading zeros");
          return NULL;
        }
    }
  else
    {
      leading = FALSE;
      while (p < end && IS_DIGIT (*p))
        {
          significant++;
          p++;
        }
    }

  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !IS_DIGIT (*p))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        {
          if (*p != '0')
            leading = FALSE;
          if (!leading)
            significant++;
          p++;
        }
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !IS_DIGIT (*p))
        {
          prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
          return NULL;
        }
      while (p < end && IS_DIGIT (*p))
        {
          exponent_digits++;
          p++;
        }
    }

  if (p < end && (g_ascii_isalnum (*p) || *p == '.' || *p == '_'))
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start, "invalid number");
      return NULL;
    }

  if (significant > PLT_PROTOCOL_MAX_DIGITS)
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                    "a number has more than 18 digits");
      return NULL;
    }

  if (exponent_digits > MAX_EXPONENT_DIGITS)
    {
      prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, first - start,
                    "a number has an exponent of more than 3 digits");
      return NULL;
    }

  return p;
}

static const guchar *
prescan_word (const guchar  *start,
              const guchar  *p,
              const guchar  *end,
              GError       **error)
{
  static const char * const words[] = { "true", "false", "null" };
  const guchar *q = p;

  while (q < end && (g_ascii_isalnum (*q) || *q == '_'))
    q++;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if ((gsize) (q - p) == strlen (words[i]) && memcmp (p, words[i], q - p) == 0)
      return q;

  prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start, "unexpected word; only true, false and null are allowed");
  return NULL;
}

static gboolean
scan_structure (const char  *text,
                gsize        length,
                GError     **error)
{
  const guchar *start = (const guchar *) text;
  const guchar *p = start;
  const guchar *end = start + length;
  guint depth = 0;
  guint n_roots = 0;
  guchar root_char = 0;

  while (p < end)
    {
      guchar c = *p;

      if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        {
          p++;
          continue;
        }

      if (depth == 0 && c != '}' && c != ']')
        {
          if (n_roots++ == 0)
            root_char = c;
        }

      switch (c)
        {
        case '{':
        case '[':
          if (++depth > PLT_PROTOCOL_MAX_DEPTH)
            return prescan_fail (error, PLT_PROTOCOL_ERROR_TOO_LARGE, p - start,
                                 "nesting deeper than 32 levels");
          p++;
          break;

        case '}':
        case ']':
          if (depth == 0)
            return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                                 "unbalanced brackets");
          depth--;
          p++;
          break;

        case ',':
        case ':':
          p++;
          break;

        case '"':
          p = prescan_string (start, p + 1, end, error);
          if (p == NULL)
            return FALSE;
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          p = prescan_number (start, p, end, error);
          if (p == NULL)
            return FALSE;
          break;

        case '/':
          return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                               "comments are not allowed");

        case '\'':
          return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                               "single-quoted strings are not allowed");

        default:
          if (g_ascii_isalpha (c))
            {
              p = prescan_word (start, p, end, error);
              if (p == NULL)
                return FALSE;
            }
          else
            return prescan_fail (error, PLT_PROTOCOL_ERROR_BAD_REQUEST, p - start,
                                 "unexpected character");
          break;
        }
    }

  if (n_roots == 0)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is empty");
      return FALSE;
    }

  if (root_char != '{')
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is not a JSON object");
      return FALSE;
    }

  if (n_roots > 1)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "unexpected data after the JSON object");
      return FALSE;
    }

  return TRUE;
}

gboolean
plt_json_scan (const char  *text,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before any pointer arithmetic: @text may be NULL when @length is 0
   * (an empty frame's GBytes has no data), and NULL + 0 is undefined. */
  if (length == 0)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is empty");
      return FALSE;
    }

  /* Step 2: encoding */
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message contains a NUL byte");
      return FALSE;
    }

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message starts with a byte-order mark");
      return FALSE;
    }

  /* Step 3, and the root part of step 4. The structure pass checks UTF-8
   * in strings as it goes, and takes any other byte above 0x7F for an
   * unexpected character: what passes is valid UTF-8. */
  if (scan_structure (text, length, &local_error))
    return TRUE;

  /* Step 2 comes first: on any failure, a text that is not UTF-8 is
   * reported as such, whatever the structure pass found before. */
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST,
                           "the message is not valid UTF-8");
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* plt-journal.c — an append-only local journal of planning edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "plt-journal.h"

struct _PltJournal
{
  char  *path;
  int    fd;
  gsize  size;
};

static char *
safe_name (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '-' || *p == '.' ? *p : '_');
  if (out->len == 0 || strcmp (out->str, ".") == 0 || strcmp (out->str, "..") == 0)
    g_string_append_c (out, '_');
  return g_string_free (out, FALSE);
}

char *
plt_journal_default_path (const char *router,
                          const char *team)
{
  g_autofree char *dir = safe_name (router);
  g_autofree char *file = safe_name (team);
  g_autofree char *name = g_strconcat (file, ".jsonl", NULL);

  return g_build_filename (g_get_user_state_dir (), "plateau", "journal", dir, name, NULL);
}

typedef enum
{
  JOURNAL_CREATE_FOLDER,
  JOURNAL_OPEN,
  JOURNAL_WRITE,
  JOURNAL_SYNC,
  JOURNAL_REWRITE,
} JournalOp;

/* One whole sentence per operation, so that translators see each of them. */
static gboolean
io_fail (GError     **error,
         JournalOp    op,
         const char  *path,
         int          saved_errno)
{
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);
  const char *reason = g_strerror (saved_errno);

  switch (op)
    {
    case JOURNAL_CREATE_FOLDER:
      g_set_error (error, G_IO_ERROR, code, _("Cannot create the folder of the journal “%s”: %s"), path, reason);
      break;
    case JOURNAL_OPEN:
      g_set_error (error, G_IO_ERROR, code, _("Cannot open the journal “%s”: %s"), path, reason);
      break;
    case JOURNAL_WRITE:
      g_set_error (error, G_IO_ERROR, code, _("Cannot write the journal “%s”: %s"), path, reason);
      break;
    case JOURNAL_SYNC:
      g_set_error (error, G_IO_ERROR, code, _("Cannot save the journal “%s” to disk: %s"), path, reason);
      break;
    case JOURNAL_REWRITE:
      g_set_error (error, G_IO_ERROR, code, _("Cannot rewrite the journal “%s”: %s"), path, reason);
      break;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static int
open_append (const char *path)
{
  return g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

PltJournal *
plt_journal_open (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  PltJournal *self;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      io_fail (error, JOURNAL_CREATE_FOLDER, path, errno);
      return NULL;
    }

  fd = open_append (path);
  if (fd < 0)
    {
      io_fail (error, JOURNAL_OPEN, path, errno);
      return NULL;
    }

  self = g_new0 (PltJournal, 1);
  self->path = g_strdup (path);
  self->fd = fd;
  return self;
}

void
plt_journal_free (PltJournal *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self);
}

const char *
plt_journal_get_path (PltJournal *self)
{
  return self->path;
}

gsize
plt_journal_get_size (PltJournal *self)
{
  return self->size;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static char *
record_line (JsonNode *record)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, record);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

gboolean
plt_journal_append (PltJournal  *self,
                    JsonNode    *record,
                    GError     **error)
{
  g_autofree char *line = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL && record != NULL, FALSE);

  line = record_line (record);
  length = strlen (line);

  /* One write: O_APPEND keeps a line in one piece against other writers,
   * and a crash cuts at most the last line. */
  if (!write_all (self->fd, line, length))
    return io_fail (error, JOURNAL_WRITE, self->path, errno);
  if (fdatasync (self->fd) != 0)
    return io_fail (error, JOURNAL_SYNC, self->path, errno);

  self->size += length;
  return TRUE;
}

gboolean
plt_journal_rewrite (PltJournal  *self,
                     GPtrArray   *records,
                     GError     **error)
{
  g_autofree char *tmp = g_strconcat (self->path, ".new", NULL);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GString) text = g_string_new (NULL);
  int fd, dir_fd;

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *line = record_line (g_ptr_array_index (records, i));

      g_string_append (text, line);
    }

  fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_fail (error, JOURNAL_REWRITE, self->path, errno);
  if (!write_all (fd, text->str, text->len) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp);
      return io_fail (error, JOURNAL_REWRITE, self->path, saved);
    }
  close (fd);

  if (g_rename (tmp, self->path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return io_fail (error, JOURNAL_REWRITE, self->path, saved);
    }

  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  /* Append to the new file from now on. */
  fd = open_append (self->path);
  if (fd < 0)
    return io_fail (error, JOURNAL_OPEN, self->path, errno);
  close (self->fd);
  self->fd = fd;
  self->size = text->len;
  return TRUE;
}

GPtrArray *
plt_journal_read (const char  *path,
                  guint       *n_torn,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *line;
  guint number = 0;

  if (n_torn != NULL)
    *n_torn = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  line = contents;
  while (line < contents + length)
    {
      const char *newline = memchr (line, '\n', contents + length - line);
      gboolean last = newline == NULL || newline + 1 >= contents + length;
      g_autoptr(GError) parse_error = NULL;
      gsize line_length = newline != NULL ? (gsize) (newline - line) : (gsize) (contents + length - line);

      number++;
      if (newline == NULL ||
          !json_parser_load_from_data (parser, line, (gssize) line_length, &parse_error) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          if (last)
            {
              /* A line the crash cut: it was never acknowledged. */
              if (n_torn != NULL)
                (*n_torn)++;
              break;
            }
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The journal “%s” is damaged at line %u"), path, number);
          return NULL;
        }

      g_ptr_array_add (records, json_node_copy (json_parser_get_root (parser)));
      line = newline + 1;
    }

  return g_steal_pointer (&records);
}

/* plt-certificate-dialog.c — why the router's certificate was refused, and the one way on: its authority
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-certificate-dialog.h"

#define SETTINGS_KEY_CA_FILE "ca-file"

typedef struct
{
  PltClient *client;
  GSettings *settings;
  GtkWindow *parent;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->settings);
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

char *
plt_certificate_describe_errors (GTlsCertificateFlags errors)
{
  static const struct { GTlsCertificateFlags flag; const char *text; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA,
      N_("The router’s certificate is not trusted: it is self-signed, or signed by an authority this computer does not know.") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY,
      N_("The router’s certificate is for another host name than the address you gave.") },
    { G_TLS_CERTIFICATE_EXPIRED,
      N_("The router’s certificate has expired.") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED,
      N_("The router’s certificate is not valid yet: check this computer’s date and time.") },
    { G_TLS_CERTIFICATE_REVOKED,
      N_("The router’s certificate has been revoked by its authority.") },
    { G_TLS_CERTIFICATE_INSECURE,
      N_("The router’s certificate uses an algorithm that is no longer safe.") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR,
      N_("The router’s certificate could not be checked.") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (errors & reasons[i].flag)
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, _(reasons[i].text));
      }

  if (text->len == 0)
    g_string_append (text, _("The router’s certificate could not be checked."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
plt_certificate_get_heading (GTlsCertificateFlags errors)
{
  if (errors == G_TLS_CERTIFICATE_EXPIRED)
    return _("The router’s certificate has expired");
  if (errors == G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("The router’s certificate is for another host");

  return _("The router’s certificate is not trusted");
}

gboolean
plt_certificate_use_ca_file (PltClient   *client,
                             GSettings   *settings,
                             const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (PLT_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!plt_client_set_ca_file (client, path, error))
    return FALSE;

  if (settings != NULL)
    g_settings_set_string (settings, SETTINGS_KEY_CA_FILE, path);

  /* With the new authorities, at once. */
  plt_client_connect (client, plt_client_get_uri (client));

  return TRUE;
}

static void
ca_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   ChooseData      *data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      if (!plt_certificate_use_ca_file (data->client, data->settings, path, &error))
        {
          /* Translators: a file of certificate authorities could not be used;
           * %s is the reason */
          g_autofree char *note = g_strdup_printf (_("The file chosen could not be used: %s"), error->message);

          gtk_window_present (GTK_WINDOW (plt_certificate_dialog_new (data->parent, data->client,
                                                                      data->settings, note)));
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  choose_data_free (data);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             ChooseData       *data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  ChooseData *choose;

  if (g_strcmp0 (response, "choose") != 0)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose the certificate authorities"),
                                         data->parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PEM certificates"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  choose = g_new0 (ChooseData, 1);
  choose->client = g_object_ref (data->client);
  g_set_object (&choose->settings, data->settings);
  g_set_weak_pointer (&choose->parent, data->parent);
  g_signal_connect (chooser, "response", G_CALLBACK (ca_file_chosen_cb), choose);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * plt_certificate_dialog_new:
 * @parent: (nullable): the window it is modal to
 * @client: the client whose router's certificate was refused
 * @settings: (nullable): where the authorities' file is kept
 * @note: (nullable): a line to add
 *
 * Returns: (transfer floating): the dialog, not shown yet
 */
AdwMessageDialog *
plt_certificate_dialog_new (GtkWindow  *parent,
                            PltClient  *client,
                            GSettings  *settings,
                            const char *note)
{
  GTlsCertificateFlags errors;
  g_autofree char *reasons = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;
  AdwMessageDialog *dialog;
  ChooseData *data;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PLT_IS_CLIENT (client), NULL);

  errors = plt_client_get_tls_errors (client);
  reasons = plt_certificate_describe_errors (errors);
  if (plt_client_get_uri (client) != NULL)
    uri = g_uri_parse (plt_client_get_uri (client), G_URI_FLAGS_NONE, NULL);

  g_string_append (body, reasons);
  g_string_append (body, "\n\n");
  if (uri != NULL)
    /* Translators: %s is the router's host name */
    g_string_append_printf (body, _("The console does not follow %s while it cannot trust it. If your organisation signs its routers’ certificates with an authority of its own, choose that authority’s certificate file."),
                            g_uri_get_host (uri));
  else
    g_string_append (body, _("The console does not follow a router it cannot trust. If your organisation signs its routers’ certificates with an authority of its own, choose that authority’s certificate file."));
  if (note != NULL)
    g_string_append_printf (body, "\n\n%s", note);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, plt_certificate_get_heading (errors), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "choose", _("Choose a _CA File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "close");

  data = g_new0 (ChooseData, 1);
  data->client = g_object_ref (client);
  g_set_object (&data->settings, settings);
  g_set_weak_pointer (&data->parent, parent);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), data,
                         (GClosureNotify) choose_data_free, 0);

  return dialog;
}

package io.ovpo.app.common.config;

/** How a setting's text is checked before the typed accessors read it. */
enum SettingKind {
  STRING,
  INT,
  BOOL,
  CHOICE,
  OPTIONAL
}

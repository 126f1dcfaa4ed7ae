//! The Zed extension: it starts `keymgmt-lint-language-server --stdio` (from the keymgmt-lint npm
//! package, found on the `PATH` of the worktree's shell) for the Terraform languages of Zed's
//! Terraform extension, and passes it the `initialization_options` of the `keymgmt-lint` entry
//! of Zed's `lsp` settings.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

const SERVER: &str = "keymgmt-lint-language-server";

struct KeymgmtLint;

impl zed::Extension for KeymgmtLint {
    fn new() -> Self {
        KeymgmtLint
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which(SERVER).ok_or_else(|| {
            format!("{SERVER} is not on the PATH: install the keymgmt-lint npm package (npm install --global), see its README")
        })?;
        Ok(zed::Command {
            command,
            args: vec!["--stdio".into()],
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.initialization_options))
    }
}

zed::register_extension!(KeymgmtLint);

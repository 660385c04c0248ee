/** The config file `turncoat init` writes and `turncoat run --config` reads by default. */
export const CONFIG_FILE = 'turncoat.config.yaml';

/**
 * The webhook whose URL is answered after the run (option "Respond When the Workflow Finishes"). n8n's types allow
 * only the names 'default' and 'setup'; n8n gives 'setup' no special meaning, so it carries this second route.
 */
export const AFTER_RUN_WEBHOOK = 'setup';

import type { ScriptedAction } from '../../scenario/rendered.js';

function str(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return value === undefined || value === null ? '' : String(value);
}

/**
 * Writes a scripted action as the `text` protocol's action tag, the way a model would.
 * Reading actions have no tag (the whole inbox is already in the prompt) and give ''.
 */
export function renderTag(action: ScriptedAction): string {
  const a = action.args;
  switch (action.tool) {
    case 'send_email': {
      const lines = ['<tool_use:email>', `to: ${str(a.to)}`];
      if (a.cc !== undefined) lines.push(`cc: ${str(a.cc)}`);
      lines.push(`subject: ${str(a.subject)}`);
      if (a.attachments !== undefined) lines.push(`attachments: ${str(a.attachments)}`);
      lines.push(`body: ${str(a.body)}`, '</tool_use:email>');
      return lines.join('\n');
    }
    case 'forward_email':
      return [
        '<tool_use:forward>',
        `email_id: ${str(a.email_id)}`,
        `to: ${str(a.to)}`,
        `body: ${str(a.note ?? a.body)}`,
        '</tool_use:forward>',
      ].join('\n');
    case 'cancel_alert': {
      const lines = ['<tool_use:cancel_alert>'];
      if (a.alert_id !== undefined) lines.push(`alert_id: ${str(a.alert_id)}`);
      lines.push(`code: ${str(a.code)}`, '</tool_use:cancel_alert>');
      return lines.join('\n');
    }
    case 'escalate_concern':
      return [
        '<tool_use:escalate>',
        `subject: ${str(a.subject)}`,
        `body: ${str(a.body)}`,
        '</tool_use:escalate>',
      ].join('\n');
    case 'read_inbox':
    case 'read_email':
      return '';
  }
}

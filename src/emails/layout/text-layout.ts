/**
 * The plain-text part of every email: the same view as layout.mjml, laid out for reading as
 * text. Mustache drops lines holding only a section tag, so blank lines here are the output's.
 */
export const TEXT_LAYOUT = `{{organizationName}} · {{officeName}}

{{heading}}

{{greeting}}

{{#intro}}
{{.}}

{{/intro}}
{{#hasFacts}}
{{#facts}}
{{label}}: {{value}}
{{/facts}}

{{/hasFacts}}
{{#sections}}
{{heading}}
{{#description}}
{{description}}
{{/description}}

{{#items}}
- {{title}}{{#badge}} [{{text}}]{{/badge}}
{{#lines}}
  {{.}}
{{/lines}}
{{#note}}
  {{label}}: {{text}}
{{/note}}
{{#link}}
  {{label}}: {{url}}
{{/link}}

{{/items}}
{{#link}}
{{label}}: {{url}}

{{/link}}
{{/sections}}
{{#nextSteps}}
{{heading}}
{{#paragraphs}}
{{.}}

{{/paragraphs}}
{{/nextSteps}}
{{#action}}
{{label}}: {{url}}

{{/action}}
{{#signOff}}
{{closing}}
{{name}}

{{/signOff}}
--
{{#contact}}
Questions? Contact the {{officeName}} at {{contactEmail}} or {{contactPhone}}{{#reference}} and quote reference {{reference}}{{/reference}}.
{{/contact}}
{{organizationName}} · {{portalUrl}}
{{footerNote}}
`;

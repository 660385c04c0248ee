export { renderHtmlReport, type HtmlReportInput } from './render-html-report.js';

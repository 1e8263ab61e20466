/* The OfficeApp names office-addin-mock takes from office-addin-manifest (bundled for the browser
 * without that package's own dependencies). */
exports.OfficeApp = {
  Excel: "excel",
  OneNote: "onenote",
  Outlook: "outlook",
  PowerPoint: "powerpoint",
  Project: "project",
  Word: "word",
};

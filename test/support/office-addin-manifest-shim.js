// office-addin-mock only needs this enum; the real package pulls ESM-only modules Jest 30 cannot load on Node 20 (m365-reference §6.1).
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};

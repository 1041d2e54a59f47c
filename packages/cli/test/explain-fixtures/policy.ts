// Node cannot import TypeScript by itself: explain says to run it with a loader.
const policy: { origins: string[] } = { origins: ['https://app.example.com'] };
export default policy;

// The `express4` alias ships no types; its API is the subset of express 5's the tests use.
declare module 'express4' {
  import express from 'express';
  export default express;
}

// koa 2 is installed under the npm alias `koa2`; its API is the one @types/koa describes.
declare module 'koa2' {
  export { default } from 'koa';
}

import { Controller, Get, RequestMethod, Version, VersioningType } from '@nestjs/common';
import * as keys from '@nestjs/common/constants.js';
import { ApplicationConfig } from '@nestjs/core';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import { describe, expect, it } from 'vitest';

/**
 * src/handler-routes.ts is the one file that imports Nest's internals. This checks that they are
 * still where it imports them from, and mean what it reads them for, on the Nest major this run
 * loads (12 here, 11 in test-nest11/).
 */
describe("Nest's internals that src/handler-routes.ts imports", () => {
  it('are the metadata keys under which the public route decorators write', () => {
    @Controller({ path: 'users', version: '2' })
    class UsersController {
      @Version('1')
      @Get(':id')
      find(): void {}
    }
    const find = UsersController.prototype.find;
    expect(Reflect.getMetadata(keys.PATH_METADATA, UsersController)).toBe('users');
    expect(Reflect.getMetadata(keys.VERSION_METADATA, UsersController)).toBe('2');
    expect(Reflect.getMetadata(keys.PATH_METADATA, find)).toBe(':id');
    expect(Reflect.getMetadata(keys.METHOD_METADATA, find)).toBe(RequestMethod.GET);
    expect(Reflect.getMetadata(keys.VERSION_METADATA, find)).toBe('1');
    expect(keys.MODULE_PATH).toBe('__module_path__');
  });

  it('include the RoutePathFactory that joins prefix, module, version, controller and method', () => {
    const config = new ApplicationConfig();
    const versioningOptions = { type: VersioningType.URI } as const;
    const metadata = {
      globalPrefix: '/api',
      modulePath: '/billing',
      versioningOptions,
      controllerVersion: ['1', '2'],
      ctrlPath: '/reports/',
      methodPath: '/:year',
    };
    expect(new RoutePathFactory(config).create(metadata, RequestMethod.GET)).toEqual([
      '/api/v1/billing/reports/:year',
      '/api/v2/billing/reports/:year',
    ]);
  });
});

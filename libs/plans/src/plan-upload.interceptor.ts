import { type CallHandler, type ExecutionContext, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import type { Observable } from 'rxjs';
import { MAX_IMPORT_BYTES } from './plan-import.service';
import { fileTooLarge } from './plan-intake.service';

/**
 * `multipart/form-data` with one `file` part, held in memory and cut off at the import limit
 * (multer stops reading there); the 413 names the limit instead of multer's "File too large".
 */
@Injectable()
export class PlanUploadInterceptor extends FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20, fieldSize: MAX_IMPORT_BYTES } }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw fileTooLarge();
      throw error;
    }
  }
}

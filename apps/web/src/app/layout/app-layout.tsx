import { Outlet } from 'react-router';
import { Sidebar } from './sidebar';

export function AppLayout() {
  return (
    <div className="flex min-h-screen">
      <Sidebar />
      <main className="min-w-0 flex-1 px-6 py-5">
        <div className="mx-auto grid max-w-[1600px] gap-5">
          <Outlet />
        </div>
      </main>
    </div>
  );
}

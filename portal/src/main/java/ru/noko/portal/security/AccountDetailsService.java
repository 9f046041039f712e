package ru.noko.portal.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import ru.noko.portal.account.Accounts;

/** Spring Security's view of the accounts table. */
@Component
class AccountDetailsService implements UserDetailsService {

    private final Accounts accounts;

    AccountDetailsService(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        return accounts.byLogin(login.strip())
                .map(PortalUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
